// Stands in for the kami:mcp/progress import when build.mjs loads a tool in Node to read its definition.
export function report() {
  throw new Error('progress.report is not available while the tool is being built (call it from run)');
}
