// Usage: node guest/inspect.mjs <component.wasm>...
// Prints each component's WIT world (imports/exports) — a quick check without a host.
import { readFileSync } from 'node:fs';
import { componentWit } from '@bytecodealliance/jco-transpile/wasm-tools';

for (const file of process.argv.slice(2)) {
  console.log(`== ${file} (${readFileSync(file).length} bytes)`);
  console.log(await componentWit(readFileSync(file)));
}
