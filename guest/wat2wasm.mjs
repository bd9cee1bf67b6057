// Usage: node guest/wat2wasm.mjs <in.wat> <out.wasm>
// Component text format -> binary, with the wasm-tools parser bundled in jco.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';

const [, , inFile, outFile] = process.argv;
if (!inFile || !outFile) {
  console.error('usage: node wat2wasm.mjs <in.wat> <out.wasm>');
  process.exit(2);
}
const bytes = await parse(readFileSync(inFile, 'utf8'));
writeFileSync(outFile + '.tmp', bytes);
renameSync(outFile + '.tmp', outFile);
