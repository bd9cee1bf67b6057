// json-query: picks values out of a JSON document by a small path language (a.b[0].c, items[*].id).
import { defineTool } from '@kami/tool';

// Splits "a.b[0]['x y'][*]" into ["a", "b", 0, "x y", "*"].
export function parsePath(path) {
  const steps = [];
  const re = /\s*(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[\*\]|\.\*|\[(?:'([^']*)'|"([^"]*)")\])/y;
  let at = 0;
  if (path.startsWith('$')) at = 1;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m || m[0].length === 0) throw new Error(`cannot read the path at position ${at + 1}: "${path.slice(at)}"`);
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else if (m[3] !== undefined || m[4] !== undefined) steps.push(m[3] ?? m[4]);
    else steps.push('*');
    at = re.lastIndex;
  }
  return steps;
}

function select(values, step) {
  const out = [];
  for (const v of values) {
    if (step === '*') {
      if (Array.isArray(v)) out.push(...v);
      else if (v !== null && typeof v === 'object') out.push(...Object.values(v));
    } else if (typeof step === 'number') {
      if (Array.isArray(v) && step < v.length) out.push(v[step]);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, step)) {
      out.push(v[step]);
    }
  }
  return out;
}

export const tool = defineTool({
  name: 'dev.kami.json-query',
  description: 'Picks a value out of a JSON document by path',
  version: '1.0.0',
  arguments: [
    { name: 'json', type: 'string', description: 'The JSON document, as text', required: true },
    { name: 'path', type: 'string', description: 'Dot/bracket path: a.b[0].c, items[*].id, or empty for the whole document', required: true },
  ],
  run({ json, path }) {
    let doc;
    try {
      doc = JSON.parse(json);
    } catch (e) {
      throw new Error(`json is not valid JSON: ${e.message}`);
    }
    const steps = parsePath(path);
    const wildcard = steps.includes('*');
    const found = steps.reduce(select, [doc]);
    if (wildcard) return { path, values: found, count: found.length };
    if (found.length === 0) throw new Error(`nothing at ${path}`);
    return { path, value: found[0] };
  },
});
