// http-get: fetches a URL on the tool's net_allow_list (tool.toml) and returns the status and the first KB.
// Built with guest/js/build.mjs, which builds against world kami-tool-http because this calls http.fetch.
import { defineTool, http, HttpError } from '@kami/tool';

const LIMIT = 1024;

export const tool = defineTool({
  name: 'dev.kami.http-get',
  description: 'Fetches an http(s) URL on the allow-list and returns the status, content type and the first KB of the body',
  version: '1.0.0',
  arguments: [{ name: 'url', type: 'string', description: 'The http or https URL to GET', required: true }],
  run({ url }) {
    let r;
    try {
      r = http.fetch(url, { headers: { accept: 'text/*, application/json;q=0.9, */*;q=0.5' }, timeoutMs: 5000 });
    } catch (e) {
      // denied: not on the allow-list (or a private address); the message says which, for the caller to act on.
      if (e instanceof HttpError) throw new Error(`cannot fetch ${url}: ${e.kind}${e.detail ? ` (${e.detail})` : ''}`);
      throw e;
    }
    const text = r.text ?? '';
    return {
      status: r.status,
      contentType: r.headers['content-type'] ?? null,
      binary: r.text === undefined,
      length: r.text === undefined ? r.bytes.length : text.length,
      body: text.slice(0, LIMIT),
      truncated: text.length > LIMIT,
    };
  },
});
