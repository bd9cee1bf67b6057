// text-transform: case conversion, slugs and word counts, Unicode-aware (TypeScript).
import { defineTool } from '@kami/tool';

type Op = 'upper' | 'lower' | 'title' | 'snake' | 'kebab' | 'camel' | 'slug' | 'reverse' | 'trim' | 'stats';

// The JS engine in a component (StarlingMonkey) has no ICU: no \p{...} in regular expressions and no
// String.prototype.normalize. Case mapping works, so "is a letter" is "has case, or is a digit"; scripts
// without case (CJK, Arabic) count as letters through the code-point test below.
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const isWordChar = (c: string): boolean => isDigit(c) || isUpper(c) || isLower(c) || c.codePointAt(0)! > 0x2e7f;

// Words: runs of letters/digits, also split at lower→upper boundaries ("parseHTTPRequest" → parse HTTP Request).
function words(text: string): string[] {
  const out: string[] = [];
  let word: string[] = [];
  const chars = Array.from(text);
  chars.forEach((c, i) => {
    if (!isWordChar(c)) {
      if (word.length) out.push(word.join(''));
      word = [];
      return;
    }
    const prev = chars[i - 1] ?? '';
    const next = chars[i + 1] ?? '';
    const boundary = word.length > 0 && isUpper(c) && ((isLower(prev) || isDigit(prev)) || (isUpper(prev) && isLower(next)));
    if (boundary) {
      out.push(word.join(''));
      word = [];
    }
    word.push(c);
  });
  if (word.length) out.push(word.join(''));
  return out;
}

// Latin letters with diacritics → ASCII, for slugs (normalize('NFKD') is not available; see above).
const FOLD: Record<string, string> = {};
for (const [plain, accented] of Object.entries({
  a: 'àáâãäåāăą', c: 'çćĉċč', d: 'ďđ', e: 'èéêëēĕėęě', g: 'ĝğġģ', h: 'ĥħ', i: 'ìíîïĩīĭįı', j: 'ĵ', k: 'ķ',
  l: 'ĺļľŀł', n: 'ñńņňŉ', o: 'òóôõöøōŏő', r: 'ŕŗř', s: 'śŝşšß', t: 'ţťŧ', u: 'ùúûüũūŭůűų', w: 'ŵ', y: 'ýÿŷ', z: 'źżž',
  ae: 'æ', oe: 'œ',
})) for (const c of accented) FOLD[c] = plain === 's' && c === 'ß' ? 'ss' : plain;
const fold = (t: string): string => Array.from(t.toLowerCase(), (c) => FOLD[c] ?? c).join('');

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

const ops: Record<Op, (text: string) => unknown> = {
  upper: (t) => t.toUpperCase(),
  lower: (t) => t.toLowerCase(),
  title: (t) => Array.from(t).map((c, i, all) => (isWordChar(c) && !isWordChar(all[i - 1] ?? ' ') ? c.toUpperCase() : isWordChar(c) ? c.toLowerCase() : c)).join(''),
  snake: (t) => words(t).map((w) => w.toLowerCase()).join('_'),
  kebab: (t) => words(t).map((w) => w.toLowerCase()).join('-'),
  camel: (t) => words(t).map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w))).join(''),
  slug: (t) => words(fold(t)).filter((w) => /^[a-z0-9]+$/.test(w)).join('-'),
  reverse: (t) => Array.from(t).reverse().join(''), // by code point, so emoji and accents survive
  trim: (t) => t.trim().replace(/\s+/g, ' '),
  stats: (t) => ({
    characters: Array.from(t).length,
    words: words(t).length,
    lines: t.length === 0 ? 0 : t.split(/\r\n|\r|\n/).length,
  }),
};

export const tool = defineTool({
  name: 'dev.kami.text-transform',
  description: 'Transforms text',
  version: '1.0.0',
  arguments: [
    { name: 'text', type: 'string', description: 'The text to transform', required: true },
    { name: 'op', type: 'string', description: 'upper | lower | title | snake | kebab | camel | slug | reverse | trim | stats', required: true },
  ],
  run({ text, op }) {
    if (!Object.hasOwn(ops, op)) throw new Error(`unknown op "${op}": use one of ${Object.keys(ops).join(', ')}`);
    return { op, result: ops[op as Op](text) };
  },
});
