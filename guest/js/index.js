// @kami/tool: the JavaScript side of the kami:tool world.
// A tool module does `export const tool = defineTool({...})`; guest/js/build.mjs bundles it with this file
// and componentize-js turns the bundle into a component whose `tool` export is the object returned here.
import { log as hostLog } from 'kami:tool/host@0.1.0';

const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array'];
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function text(parts) {
  return parts.map((p) => (typeof p === 'string' ? p : safeJson(p))).join(' ');
}

function safeJson(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Logs go to the host (the MCP client's log and the server's), never to stdout. */
export const log = {
  trace: (...m) => hostLog('trace', text(m)),
  debug: (...m) => hostLog('debug', text(m)),
  info: (...m) => hostLog('info', text(m)),
  warn: (...m) => hostLog('warn', text(m)),
  error: (...m) => hostLog('error', text(m)),
};

/** Thrown by the SDK for arguments that do not match the definition; its message reaches the caller. */
export class ToolInputError extends Error {}

function fail(message) {
  throw new TypeError(`defineTool: ${message}`);
}

function checkDefinition(def) {
  if (def === null || typeof def !== 'object') fail('expected an object { name, description, arguments, run }');
  if (typeof def.name !== 'string' || def.name.length === 0) fail('name must be a non-empty string');
  if (typeof def.description !== 'string') fail('description must be a string');
  if (typeof def.run !== 'function') fail('run must be a function (args) => result');
  const args = def.arguments ?? [];
  if (!Array.isArray(args)) fail('arguments must be an array of { name, type, description, required }');
  const seen = new Set();
  for (const a of args) {
    if (a === null || typeof a !== 'object' || typeof a.name !== 'string' || !NAME.test(a.name))
      fail(`argument ${safeJson(a?.name)} must have a name of 1-64 letters, digits, '_', '-' or '.'`);
    if (seen.has(a.name)) fail(`argument "${a.name}" is declared twice`);
    seen.add(a.name);
    if (!TYPES.includes(a.type ?? 'string')) fail(`argument "${a.name}" has type ${safeJson(a.type)}; use one of ${TYPES.join(', ')}`);
  }
  return args.map((a) => ({
    name: a.name,
    type: a.type ?? 'string',
    description: a.description ?? '',
    required: a.required === true,
  }));
}

function typeOf(value) {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function checkArguments(args, spec) {
  if (typeOf(args) !== 'object') throw new ToolInputError(`bad input: expected a JSON object of arguments, got ${typeOf(args)}`);
  for (const a of spec) {
    const value = args[a.name];
    if (value === undefined || value === null) {
      if (a.required) throw new ToolInputError(`bad input: missing required argument "${a.name}" (${a.type})`);
      continue;
    }
    const actual = typeOf(value);
    const fits = actual === a.type || (a.type === 'number' && actual === 'integer');
    if (!fits) throw new ToolInputError(`bad input: argument "${a.name}" must be ${a.type}, got ${actual}`);
  }
}

function message(e) {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'string') return e;
  return safeJson(e);
}

/**
 * Defines a tool. Returns the object the kami:tool world exports: run(input) parses the JSON arguments,
 * checks them against `arguments`, calls your `run` and serializes what it returns; anything it throws
 * becomes the call's error with the thrown message.
 */
export function defineTool(def) {
  const spec = checkDefinition(def);
  const meta = { name: def.name, description: def.description, version: def.version ?? '0.0.0', arguments: spec };
  return {
    run(input) {
      // componentize-js turns a thrown value into the result's err case; throw the message as a string so
      // the caller sees exactly it.
      let result;
      try {
        let args;
        try {
          args = JSON.parse(input);
        } catch (e) {
          throw new ToolInputError(`bad input: not JSON (${message(e)})`);
        }
        checkArguments(args, spec);
        result = def.run(args);
      } catch (e) {
        throw message(e);
      }
      if (result !== null && typeof result === 'object' && typeof result.then === 'function')
        throw 'run returned a Promise: KAMI tool calls are synchronous, so return the value itself';
      const json = result === undefined ? 'null' : JSON.stringify(result);
      if (json === undefined) throw `run returned a ${typeof result}, which is not JSON`;
      return json;
    },
    describe() {
      return JSON.stringify(meta);
    },
    // Read at build time (in Node) to check tool.toml against the definition.
    kamiDefinition: meta,
  };
}

// Outbound HTTP (kami:http/outgoing): a separate module, so tools that don't use it don't import it.
export { http, HttpError } from './http.js';
// Progress reports (kami:mcp/progress): a separate module for the same reason.
export { progress } from './progress.js';
// Rich results (kami:mcp/content): blocks beyond the returned text.
export { content } from './content.js';
// Input requests (kami:mcp/input): ask the client (elicitation, sampling, roots) across rounds.
export { input } from './input.js';
