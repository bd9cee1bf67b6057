// Loads a bundled tool (argv[2], a file URL) and prints {definition} or {error} as JSON on stdout.
// build.mjs runs this under Node's permission model with an empty environment: the tool's top-level code
// runs on the build machine, so it may read only the bundle itself, and spawn, write and load addons not at all.
let mod;
try {
  mod = await import(process.argv[2]);
} catch (e) {
  process.stdout.write(JSON.stringify({ error: 'load', message: String(e?.message ?? e) }));
  process.exit(0);
}
const tool = mod.tool;
if (!tool || typeof tool.run !== 'function' || typeof tool.describe !== 'function') {
  process.stdout.write(JSON.stringify({ error: 'export' }));
} else {
  process.stdout.write(JSON.stringify({ definition: tool.kamiDefinition ?? null }));
}
