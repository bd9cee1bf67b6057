// Types for @kami/tool. `run` receives its arguments typed from the `arguments` list:
//   defineTool({ name: 'x', description: '', arguments: [
//     { name: 'text', type: 'string', required: true }, { name: 'times', type: 'integer' }],
//     run: ({ text, times }) => ... })   // text: string, times: number | undefined

export type ArgumentType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

export interface ArgumentSpec {
  readonly name: string;
  /** Defaults to 'string'. */
  readonly type?: ArgumentType;
  readonly description?: string;
  /** Defaults to false. */
  readonly required?: boolean;
}

type ValueOf<T extends ArgumentType | undefined> =
  T extends 'number' | 'integer' ? number
  : T extends 'boolean' ? boolean
  : T extends 'object' ? Record<string, unknown>
  : T extends 'array' ? unknown[]
  : string;

/** The argument object `run` receives for an argument list. */
export type ArgumentsOf<A extends readonly ArgumentSpec[]> =
  { [K in A[number] as K extends { required: true } ? K['name'] : never]: ValueOf<K['type']> } &
  { [K in A[number] as K extends { required: true } ? never : K['name']]?: ValueOf<K['type']> };

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ToolDefinition<A extends readonly ArgumentSpec[]> {
  /** The tool id, as in tool.toml's [tool] id. */
  name: string;
  description: string;
  version?: string;
  arguments: A;
  /** Returns anything JSON.stringify accepts; a thrown error becomes the call's error with its message. */
  run(args: ArgumentsOf<A>): unknown;
}

/** What the kami:tool world exports: export it as `tool`. */
export interface Tool {
  run(input: string): string;
  describe(): string;
  readonly kamiDefinition: {
    name: string;
    description: string;
    version: string;
    arguments: { name: string; type: ArgumentType; description: string; required: boolean }[];
  };
}

export function defineTool<const A extends readonly ArgumentSpec[]>(definition: ToolDefinition<A>): Tool;

/** Raised by the SDK for arguments that do not match the definition. */
export class ToolInputError extends Error {}

/** Sends a log line to the host (the MCP client's and the server's log). Never writes to stdout. */
export const log: {
  trace(...message: unknown[]): void;
  debug(...message: unknown[]): void;
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
};
