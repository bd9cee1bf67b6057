// Stands in for the kami:http/outgoing import when build.mjs loads a tool in Node to read its definition:
// a tool's top-level code must not reach the network on the build machine.
export function fetch() {
  throw new Error('http.fetch is not available while the tool is being built (call it from run)');
}
