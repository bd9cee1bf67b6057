// Usage: node guest/js/build.mjs <source.js> <out.wasm>
// JavaScript -> KAMI component with componentize-js (StarlingMonkey engine, ~12 MB).
// WASI features a tool doesn't need are disabled so the component imports less.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentize } from '@bytecodealliance/componentize-js';

const here = dirname(fileURLToPath(import.meta.url));
const [, , srcFile, outFile] = process.argv;
if (!srcFile || !outFile) {
  console.error('usage: node build.mjs <source.js> <out.wasm>');
  process.exit(2);
}

const source = readFileSync(srcFile, 'utf8');
const out = resolve(outFile);
// componentize-js mangles sourceName relative to the cwd (from cwd "/" it loads "ol.js"
// for "tool.js"), so always build from this directory.
process.chdir(here);

const started = Date.now();
const { component } = await componentize(source, {
  sourceName: 'tool.js', // fixed, so the output doesn't depend on where the source lives
  witPath: resolve(here, '../../wit'),
  worldName: 'kami-tool',
  disableFeatures: ['stdio', 'random', 'clocks', 'http', 'fetch-event'],
});
writeFileSync(out + '.tmp', component);
renameSync(out + '.tmp', out);
console.error(`${outFile}: ${component.length} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
