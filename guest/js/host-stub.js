// Stands in for the kami:tool/host import when build.mjs loads a tool in Node to read its definition.
export function log() {}
