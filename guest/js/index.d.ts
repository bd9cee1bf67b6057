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

/** A request for http.fetch. Every field is optional; the method defaults to GET. */
export interface HttpRequestOptions {
  method?: string;
  /** { name: value } or [[name, value], ...]. Host, Connection, Keep-Alive, Content-Length, Transfer-Encoding, Upgrade,
   * TE, Trailer, Expect and Proxy-* may not be set (HttpError invalid); credentials the operator configured are added
   * by the host, never visible to the tool. */
  headers?: Record<string, string> | readonly (readonly [string, string])[];
  /** A string is sent as text (UTF-8), a Uint8Array as bytes. */
  body?: string | Uint8Array | ArrayBuffer;
  /** Defaults to the host's 10 s; always bounded by the call's remaining time. */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** status 200-299 */
  ok: boolean;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Every header as received, in order. */
  headerList: { name: string; value: string }[];
  /** The body when it is valid UTF-8 (JSON, HTML, plain text); undefined otherwise. */
  text: string | undefined;
  /** The body when it is not valid UTF-8; undefined otherwise. */
  bytes: Uint8Array | undefined;
  /** JSON.parse(text); throws for a binary body. */
  json(): unknown;
}

/** Thrown by http.fetch when the host refuses or cannot complete a request. */
export class HttpError extends Error {
  /** The WIT error case. */
  readonly kind: 'denied' | 'unreachable' | 'timeout' | 'too-large' | 'invalid';
  /** The host's reason ('' for timeout). */
  readonly detail: string;
}

/**
 * Outbound HTTP (kami:http/outgoing@0.1.0). Only hosts on the tool's net_allow_list in tool.toml are reachable,
 * and private or loopback addresses only where the operator allows them. A tool that uses it is built against
 * world kami-tool-http; one that doesn't imports no network at all.
 */
export const http: {
  /** Synchronous: returns the response for any status (a 404 is a response); throws HttpError otherwise. */
  fetch(url: string, options?: HttpRequestOptions): HttpResponse;
};

/**
 * Progress reports (kami:mcp/progress@0.1.0), forwarded to the client as notifications/progress when it asked for
 * progress. A tool that uses it is built against world kami-tool-mcp.
 */
export const progress: {
  /** `value` must grow from one report to the next; `total` is what it grows towards, when known. Never throws for a dropped report. */
  report(value: number, total?: number, message?: string): void;
};

/**
 * Rich results (kami:mcp/content@0.1.0): blocks added to the call's result, in order, before the text run returns
 * (when not empty). Each throws an Error with the host's reason when it refuses a block. Images: image/png, jpeg,
 * gif, webp; audio: audio/wav, mpeg, ogg, webm, flac, aac, mp4; at most 64 blocks and the call's output limit.
 */
export const content: {
  text(text: string): void;
  /** data: the bytes, or their base64. */
  image(mimeType: string, data: Uint8Array | string): void;
  audio(mimeType: string, data: Uint8Array | string): void;
  link(uri: string, name: string, options?: { mimeType?: string; description?: string }): void;
  /** An embedded resource: its text, or its bytes (or their base64) as data. */
  resource(uri: string, options: { mimeType?: string; text?: string; data?: Uint8Array | string }): void;
};

/**
 * Input requests (kami:mcp/input@0.1.0): ask the client through elicitation/create, sampling/createMessage or
 * roots/list with their MCP params. A call runs in rounds: the tool runs from the start each round, sees the answers
 * given so far, and a round that leaves a request unanswered ends there (its result is not used). Ask first, work after.
 */
export const input: {
  /** The client's answer (e.g. `{ action: "accept", content: {...} }`), or undefined while it has not answered. Throws when the request is refused. */
  request(key: string, method: 'elicitation/create' | 'sampling/createMessage' | 'roots/list', params?: object): any;
  /** Keeps `state` (at most 16 KiB) for the next round; the host seals it. */
  keep(state: string): void;
  /** What the previous round kept, or undefined. */
  kept(): string | undefined;
};
