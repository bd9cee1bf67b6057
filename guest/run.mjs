// Usage: node guest/run.mjs [--dir HOST[::GUEST]]... <component.wasm> [input-json]
// Dev-only smoke test: transpiles the component with jco and calls describe() and
// run(input) in Node (WASI via @bytecodealliance/preview2-shim, host log -> stderr).
// It is not the sandbox: the real host is the .NET one. The guest sees the whole
// environment and only the directories given with --dir (guest path defaults to ".").
import { writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco-transpile';
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';

const args = process.argv.slice(2);
const preopens = {};
while (args[0] === '--dir') {
  const [host, guest = '.'] = args[1].split('::');
  preopens[guest] = resolve(host);
  args.splice(0, 2);
}
const [file, input = '{}'] = args;
if (!file) {
  console.error('usage: node run.mjs [--dir HOST[::GUEST]]... <component.wasm> [input-json]');
  process.exit(2);
}
_setPreopens(preopens);
// A guest's exit() ends the Node process, skipping `finally`: clean up on exit too.
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
// Inside node_modules so the generated code can resolve @bytecodealliance/preview2-shim.
const dir = mkdtempSync(join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '.kami-run-'));
try {
  writeFileSync(join(dir, 'host.js'), `
const levels = ['trace', 'debug', 'info', 'warn', 'error'];
export function log(level, message) {
  process.stderr.write('[guest ' + (typeof level === 'number' ? levels[level] : level) + '] ' + message + '\\n');
}`);
  const { files } = await transpile(resolve(file), {
    name: 'component',
    map: { 'kami:tool/host@0.1.0': './host.js' },
  });
  for (const [name, bytes] of Object.entries(files)) {
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, bytes);
  }
  const mod = await import(pathToFileURL(join(dir, 'component.js')));
  const tool = mod.tool ?? mod['kami:tool/tool@0.1.0'];
  console.log('describe:', tool.describe());
  try {
    const out = tool.run(input);
    console.log('ok:', out.length > 200 ? `${out.slice(0, 200)}… (${out.length} chars)` : out);
  } catch (e) {
    // jco throws the err payload itself (or a ComponentError carrying it); traps are Errors.
    if (!(e instanceof Error)) console.log('err:', e);
    else if ('payload' in e) console.log('err:', e.payload);
    else console.log('trap:', String(e).split('\n')[0]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
