// @kami/tool input: ask the MCP client for input over kami:mcp/input@0.1.0 (world kami-tool-mcp).
// Its own module so a tool that never asks does not import kami:mcp (see progress.js).
import { request as hostRequest, keep as hostKeep, kept as hostKept } from 'kami:mcp/input@0.1.0';

// componentize-js throws a result's err as an error whose payload is the host's reason.
function reason(e) {
  return typeof e?.payload === 'string' ? e.payload : String(e?.message ?? e);
}

export const input = {
  /**
   * Asks the client for input: returns its answer (the parsed JSON result, e.g. {action, content}) when this round has
   * it, or undefined when it does not yet; the call then ends its round with every unanswered request, and the tool
   * runs again from the start once the client answers. Throws when the request cannot be made (the client did not
   * declare the method, a bound).
   */
  request(key, method, params = {}) {
    if (typeof key !== 'string' || typeof method !== 'string') throw new TypeError('input.request: key and method must be strings');
    let answer;
    try {
      answer = hostRequest(key, method, JSON.stringify(params));
    } catch (e) {
      throw new Error(`input.request(${key}): ${reason(e)}`);
    }
    return answer === undefined ? undefined : JSON.parse(answer);
  },

  /** Keeps a string (at most 16 KiB) for the next round, sealed by the host. */
  keep(state) {
    if (typeof state !== 'string') throw new TypeError('input.keep: state must be a string');
    try {
      hostKeep(state);
    } catch (e) {
      throw new Error(`input.keep: ${reason(e)}`);
    }
  },

  /** What the previous round kept, or undefined. */
  kept() {
    return hostKept() ?? undefined;
  },
};
