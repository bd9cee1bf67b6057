// Stands in for the kami:mcp/content import when build.mjs loads a tool in Node to read its definition.
export function add() {
  throw new Error('content blocks can be added only from run, not while the tool is being built');
}
