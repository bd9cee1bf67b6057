// Stands in for the kami:mcp/input import when build.mjs loads a tool in Node to read its definition.
export function request() {
  throw new Error('input.request is not available while the tool is being built (call it from run)');
}
export function keep() {
  throw new Error('input.keep is not available while the tool is being built (call it from run)');
}
export function kept() {
  return undefined;
}
