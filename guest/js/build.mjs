// Usage: node guest/js/build.mjs <tool.js|tool.ts> <out.wasm> [--definition <out.json> [--definition-only]]
// JavaScript or TypeScript -> KAMI component:
//   0. TypeScript with a tsconfig.json beside it is type-checked with tsc (--noEmit).
//   1. esbuild bundles the tool with @kami/tool (this directory) into one ES module; TypeScript is compiled
//      here. A syntax error is reported as file:line:column.
//   2. The bundle is loaded in Node (the host import stubbed) to check it exports `tool` and, for tools
//      written with defineTool, to write the definition (name, description, arguments) to --definition,
//      which `kami build` compares with tool.toml.
//   3. componentize-js (StarlingMonkey, ~12 MB) makes the component, with the WASI features a tool doesn't
//      need disabled so it imports only kami:tool/host, plus kami:http/outgoing (world kami-tool-http) when
//      the bundle calls http.fetch from @kami/tool.
// Exit 1 with a plain message on any author error; the last stderr line says what to do.
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const defAt = args.indexOf('--definition');
const definitionFile = defAt >= 0 ? resolve(args.splice(defAt, 2)[1] ?? '') : null;
// --definition-only: stop after writing the definition (kami build compares it with tool.toml before
// spending ~10 s on componentize-js).
const onlyAt = args.indexOf('--definition-only');
const definitionOnly = onlyAt >= 0 && args.splice(onlyAt, 1).length > 0;
const [srcFile, outFile] = args;
if (!srcFile || !outFile) {
  console.error('usage: node build.mjs <tool.js|tool.ts> <out.wasm> [--definition <out.json>]');
  process.exit(2);
}

function die(message) {
  console.error(message);
  process.exit(1);
}

let esbuild, componentize;
try {
  esbuild = await import('esbuild');
  ({ componentize } = await import('@bytecodealliance/componentize-js'));
} catch {
  die('the JavaScript toolchain is not installed: run guest/install-toolchain.sh (npm ci in guest/)');
}

const entry = resolve(srcFile);
const out = resolve(outFile);
const started = Date.now();
const HOST = 'kami:tool/host@0.1.0';
const HTTP = 'kami:http/outgoing@0.1.0';
const PROGRESS = 'kami:mcp/progress@0.1.0';
const CONTENT = 'kami:mcp/content@0.1.0';
const INPUT = 'kami:mcp/input@0.1.0';

// A tool bundles only its own files (its directory, node_modules included) and the SDK: an import of
// ~/.aws/credentials (esbuild loads .txt and .json as data) must not end up inside the component.
const roots = [realpathSync(dirname(entry)), realpathSync(here)].map((r) => r + sep);
const confine = {
  name: 'kami-confine',
  setup(build) {
    build.onLoad({ filter: /.*/ }, (args) => {
      if (args.namespace !== 'file' || roots.some((r) => args.path.startsWith(r))) return undefined;
      return { errors: [{ text: `imports ${args.path}, which is outside the tool's directory; a tool may bundle only its own files and @kami/tool` }] };
    });
  },
};

// kami:http and kami:mcp are external but declared free of side effects, so esbuild drops their imports from a
// bundle that never calls them (esbuild otherwise keeps every external import); the bundle's imports then pick
// the world.
const httpImport = {
  name: 'kami-http-import',
  setup(build) {
    build.onResolve({ filter: /^kami:(http|mcp)\// }, (args) => ({ path: args.path, external: true, sideEffects: false }));
  },
};

async function bundle(hostStub) {
  try {
    const result = await esbuild.build({
      plugins: hostStub ? [confine] : [confine, httpImport],
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      logLevel: 'silent',
      metafile: true,
      alias: {
        '@kami/tool': join(here, 'index.js'),
        ...(hostStub ? { [HOST]: join(here, 'host-stub.js'), [HTTP]: join(here, 'http-stub.js'), [PROGRESS]: join(here, 'progress-stub.js'), [CONTENT]: join(here, 'content-stub.js'), [INPUT]: join(here, 'input-stub.js') } : {}),
      },
      external: hostStub ? [] : [HOST],
    });
    // Which host interfaces the bundle still imports after tree-shaking decides the world (kami-tool-http
    // only for tools that call http.fetch, so the others keep importing just kami:tool/host).
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports ?? []).filter((i) => i.external).map((i) => i.path);
    return { text: result.outputFiles[0].text, imports };
  } catch (e) {
    const lines = (e.errors ?? []).map((m) => {
      const at = m.location ? `${relative(process.cwd(), m.location.file) || m.location.file}:${m.location.line}:${m.location.column + 1}: ` : '';
      return `${at}error: ${m.text}${m.location?.lineText ? `\n    ${m.location.lineText.trim()}` : ''}`;
    });
    die(lines.length ? lines.join('\n') : `error: ${e.message}`);
  }
}

// TypeScript with a tsconfig.json next to it is type-checked first (esbuild only strips types); errors come
// out as file:line:column like every other build error. A scratch config extends the tool's and points
// @kami/tool at this SDK's types, so the check works wherever the package lives.
if (entry.endsWith('.ts') && existsSync(join(dirname(entry), 'tsconfig.json'))) {
  const tsc = join(here, '../node_modules/typescript/bin/tsc');
  if (!existsSync(tsc)) die('error: TypeScript is not installed: run guest/install-toolchain.sh (npm ci in guest/)');
  const tsScratch = mkdtempSync(join(tmpdir(), 'kami-tsc-'));
  let check;
  try {
    const config = join(tsScratch, 'tsconfig.json');
    writeFileSync(config, JSON.stringify({
      extends: join(dirname(entry), 'tsconfig.json'),
      compilerOptions: { noEmit: true, paths: { '@kami/tool': [join(here, 'index.d.ts')] } },
      include: [entry],
    }));
    check = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', config], { encoding: 'utf8' });
  } finally {
    rmSync(tsScratch, { recursive: true, force: true });
  }
  if (check.status !== 0) {
    const lines = `${check.stdout}${check.stderr}`.split('\n').filter(Boolean)
      .map((l) => l.replace(/^(.+?)\((\d+),(\d+)\): error /, (_, f, line, col) => `${relative(process.cwd(), resolve(process.cwd(), f)) || f}:${line}:${col}: error: `));
    die(lines.join('\n') || 'error: tsc failed');
  }
}

const { text: source, imports } = await bundle(false);
// componentize-js keeps every import of the world it is given, so the world is exactly what the bundle imports.
const mcp = imports.some((i) => i.startsWith('kami:mcp/'));
const worldName = mcp ? (imports.includes(HTTP) ? 'kami-tool-mcp-http' : 'kami-tool-mcp')
  : imports.includes(HTTP) ? 'kami-tool-http' : 'kami-tool';

// Load the tool in Node once: a missing or malformed export is an author error best said here, in words,
// rather than as componentize-js's or the loader's. The tool's top-level code runs on this machine, so it
// runs in a child Node under the permission model (reads only the bundle; no writes, child processes,
// workers or addons), with an empty environment and a time limit.
const scratch = mkdtempSync(join(tmpdir(), 'kami-js-'));
try {
  const probe = join(scratch, 'probe.mjs');
  const runner = join(here, 'probe-runner.mjs');
  writeFileSync(probe, (await bundle(true)).text);
  const permission = Number(process.versions.node.split('.')[0]) >= 23 ? '--permission' : '--experimental-permission';
  const child = spawnSync(process.execPath,
    ['--no-warnings', permission, `--allow-fs-read=${scratch}`, `--allow-fs-read=${runner}`, runner, pathToFileURL(probe).href],
    { encoding: 'utf8', env: {}, timeout: 15000, cwd: scratch, maxBuffer: 4 << 20 });
  let report;
  try {
    report = JSON.parse(child.stdout);
  } catch {
    const why = child.error?.code === 'ETIMEDOUT' ? 'its top-level code did not finish within 15 s' : (child.stderr || '').trim().split('\n').slice(-3).join(' ');
    die(`${relative(process.cwd(), entry)}: error: the tool failed while loading: ${why}`);
  }
  if (report.error === 'load') die(`${relative(process.cwd(), entry)}: error: the tool failed while loading: ${report.message}`);
  if (report.error === 'export')
    die(`${relative(process.cwd(), entry)}: error: the module must export \`tool\` with run and describe ` +
      `(write \`export const tool = defineTool({ name, description, arguments, run })\` with defineTool from '@kami/tool')`);
  if (definitionFile && report.definition) writeFileSync(definitionFile, JSON.stringify(report.definition, null, 2));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (definitionOnly) process.exit(0);

// componentize-js mangles sourceName relative to the cwd (from cwd "/" it loads "ol.js" for "tool.js"),
// so always build from this directory.
process.chdir(here);
let component;
try {
  ({ component } = await componentize(source, {
    sourceName: 'tool.js', // fixed, so the output doesn't depend on where the source lives
    witPath: resolve(here, '../../wit'),
    worldName,
    disableFeatures: ['stdio', 'random', 'clocks', 'http', 'fetch-event'],
  }));
} catch (e) {
  // The engine's own message (e.g. a SyntaxError the StarlingMonkey engine raises where Node would not)
  // names tool.js:line:column of the bundle: your code plus @kami/tool, unminified.
  const detail = String(e?.message ?? e).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 12);
  die([`error: componentize-js could not build the component (positions are in the bundled tool.js)`, ...detail.map((l) => `    ${l}`)].join('\n'));
}
writeFileSync(out + '.tmp', component);
renameSync(out + '.tmp', out);
console.error(`${outFile}: ${component.length} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
