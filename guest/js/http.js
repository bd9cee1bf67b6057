// @kami/tool http: synchronous outbound HTTP over kami:http/outgoing@0.1.0 (world kami-tool-http).
// Its own module so a tool that never calls http.fetch does not import kami:http: esbuild drops this file
// (and the import) from a bundle that doesn't use it, and build.mjs picks the world from what the bundle imports.
import { fetch as hostFetch } from 'kami:http/outgoing@0.1.0';

/** Thrown by http.fetch when the host answers with the error variant: kind is its case, detail its payload. */
export class HttpError extends Error {
  constructor(kind, detail, method, url) {
    super(`http ${method} ${url}: ${kind}${detail ? `: ${detail}` : ''}`);
    this.name = 'HttpError';
    this.kind = kind;
    this.detail = detail ?? '';
  }
}

function requestHeaders(headers) {
  if (headers === undefined || headers === null) return [];
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  return pairs.map((pair) => {
    const [name, value] = Array.isArray(pair) ? pair : [pair?.name, pair?.value];
    if (typeof name !== 'string' || typeof value !== 'string')
      throw new TypeError('http.fetch: headers must be { name: value } or [[name, value], ...] with string names and values');
    return { name, value };
  });
}

function requestBody(body) {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return { tag: 'text', val: body };
  if (body instanceof Uint8Array) return { tag: 'bytes', val: body };
  if (body instanceof ArrayBuffer) return { tag: 'bytes', val: new Uint8Array(body) };
  throw new TypeError('http.fetch: body must be a string or a Uint8Array (JSON.stringify objects yourself)');
}

function timeout(ms) {
  if (ms === undefined || ms === null) return undefined;
  if (!Number.isInteger(ms) || ms < 0 || ms > 0xffffffff) throw new TypeError('http.fetch: timeoutMs must be a whole number of milliseconds');
  return ms;
}

function response(r) {
  const headers = {};
  for (const { name, value } of r.headers) {
    const key = name.toLowerCase();
    // Repeated headers are joined as the Fetch standard does.
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  const isText = r.body.tag === 'text';
  return {
    status: r.status,
    ok: r.status >= 200 && r.status < 300,
    headers,
    headerList: r.headers.map(({ name, value }) => ({ name, value })),
    text: isText ? r.body.val : undefined,
    bytes: isText ? undefined : r.body.val,
    json() {
      if (!isText) throw new TypeError(`http.fetch: the response body is binary, not JSON`);
      return JSON.parse(r.body.val);
    },
  };
}

export const http = {
  /**
   * Sends a request and returns the response (any status; a 404 is a response, not an error). Throws an
   * HttpError when the host refuses or cannot complete it: kind is denied, unreachable, timeout, too-large
   * or invalid. Synchronous: KAMI tool calls are, so there is nothing to await.
   */
  fetch(url, options = {}) {
    if (typeof url !== 'string') throw new TypeError('http.fetch: url must be a string');
    const method = options.method ?? 'GET';
    if (typeof method !== 'string') throw new TypeError('http.fetch: method must be a string');
    const request = {
      method,
      url,
      headers: requestHeaders(options.headers),
      body: requestBody(options.body),
      timeoutMs: timeout(options.timeoutMs),
    };
    let r;
    try {
      r = hostFetch(request);
    } catch (e) {
      // The binding throws the err case as an error whose payload is { tag, val }.
      const p = e?.payload;
      if (p && typeof p.tag === 'string') throw new HttpError(p.tag, typeof p.val === 'string' ? p.val : '', method, url);
      throw e;
    }
    return response(r);
  },
};
