// Usage: node componentize.mjs <core.wasm> <out.wasm>
// Embeds the kami-tool world from <repo>/wit and wraps the core module as a component,
// adapting wasi_snapshot_preview1 (what wasi-libc imports) to WASI 0.2.
// Uses the jco JS API because the jco embed/new CLI fails on this machine (os error 44).
import { readFileSync, writeFileSync, readdirSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew } from '@bytecodealliance/jco-transpile/wasm-tools';

const here = dirname(fileURLToPath(import.meta.url));
const witDir = resolve(here, '../../wit');
const [, , coreFile, outFile] = process.argv;
if (!coreFile || !outFile) {
  console.error('usage: node componentize.mjs <core.wasm> <out.wasm>');
  process.exit(2);
}

// Concatenate in sorted order so the embedded metadata doesn't depend on readdir order; world.wit first, as it
// holds the top-level package line that must precede the nested package of http.wit.
const witSource = readdirSync(witDir).filter((f) => f.endsWith('.wit'))
  .sort((a, b) => (a === 'world.wit' ? -1 : b === 'world.wit' ? 1 : a < b ? -1 : a > b ? 1 : 0))
  .map((f) => readFileSync(join(witDir, f), 'utf8')).join('\n');

// jco's package "exports" hide lib/, so locate the adapter on disk.
const adapterPath = resolve(here, '../node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.reactor.wasm');

// The world is what the module imports: kami:http/outgoing (wit/http.wit), the kami:mcp interfaces (wit/mcp.wit),
// both, or neither, as guest/js/build.mjs picks it.
const core = readFileSync(coreFile);
const modules = WebAssembly.Module.imports(new WebAssembly.Module(core)).map((i) => i.module);
const http = modules.some((m) => m.startsWith('kami:http/'));
const world = modules.some((m) => m.startsWith('kami:mcp/')) ? (http ? 'kami-tool-mcp-http' : 'kami-tool-mcp')
  : http ? 'kami-tool-http' : 'kami-tool';
const embedded = await componentEmbed({
  binary: core,
  witSource,
  world,
});
const component = await componentNew(embedded, [['wasi_snapshot_preview1', readFileSync(adapterPath)]]);
// Write-then-rename: a failed build never leaves a truncated .wasm behind.
writeFileSync(outFile + '.tmp', component);
renameSync(outFile + '.tmp', outFile);
