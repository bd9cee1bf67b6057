#!/usr/bin/env node
// Prints bench/session.sh's plan for session.mjs (JSON on stdout). The scenario names are what session-report.mjs
// looks up: "<server> <scenario>", server node | kami | portable.
//
// Usage: node session-plan.mjs --here DIR --home HOME --many HOME1000 --kami PATH [--portable PATH]
//          --calls N --concurrent-calls N --concurrency N
const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  if (fallback === undefined) throw new Error(`session-plan: ${name} is required`);
  return fallback;
};
const here = arg("--here");
const home = arg("--home");
const many = arg("--many");
const calls = Number(arg("--calls"));
const concurrentCalls = Number(arg("--concurrent-calls"));
const concurrency = Number(arg("--concurrency"));
const text = { text: "hello" };
// Issue 19's bigger tools: the 1.27 MB C regex-extract (bench/tools/regex-extract, standing in for a 1.4 MB Rust
// tool) and the 12 MB JavaScript echo, each called like the C echo: first call at once after the list, then 500.
const regex = { tool: "dev.kami.regex-extract", arguments: { pattern: "\\d+", text: "order 66 shipped 2026-12-05, 3 items" } };
const js = { tool: "dev.kami.js-echo", arguments: text };
const bigCalls = Math.min(calls, 501);
// An agent reads the list and thinks before its first call; kami warms the runtime in the background meanwhile.
const thinkMs = 1000;
// Calls per caller before the timed phase of a concurrent scenario (connections made, code paths run once).
const warmup = 10;

const servers = {
  node: { stdio: { command: "node", args: [`${here}/node-echo-server.mjs`] },
    http: { command: "node", args: [`${here}/node-echo-http-server.mjs`, "0"] }, echo: "echo" },
  kami: { stdio: { command: arg("--kami"), args: ["serve", "--home", home] },
    http: { command: arg("--kami"), args: ["serve", "--home", home, "--http", "127.0.0.1:0", "--no-auth", "--stateless"] }, echo: "dev.kami.echo" },
};
const portable = arg("--portable", null);
if (portable) servers.portable = { stdio: { command: portable, args: ["serve", "--home", home] }, echo: "dev.kami.echo" };

const stdio = (server, scenario, extra) => ({ name: `${server} ${scenario}`, ...servers[server].stdio, tool: servers[server].echo, arguments: text, ...extra });
const plan = [];
for (const round of [0, 1]) {
  // Node first in round 1, kami first in round 2, so a drift in the machine's load lands on both.
  const order = round === 0 ? ["node", "kami", "portable"] : ["kami", "portable", "node"];
  const each = (f) => { for (const s of order) if (servers[s]) { const x = f(s); if (x) plan.push(x); } };
  each((s) => stdio(s, "seq", { calls }));
  each((s) => stdio(s, "wait", { calls: 1, waitBeforeFirstCallMs: thinkMs }));
  each((s) => s === "node" ? null : stdio(s, "js", { ...js, calls: s === "kami" ? bigCalls : 1 }));
  each((s) => s === "kami" ? stdio(s, "regex", { ...regex, calls: bigCalls }) : null);
  each((s) => s === "kami" ? stdio(s, "js wait", { tool: "dev.kami.js-echo", calls: 1, waitBeforeFirstCallMs: thinkMs }) : null);
  each((s) => s === "portable" ? null
    : stdio(s, "stdio32", { kind: "stdio-concurrent", calls: concurrentCalls, warmup, concurrency }));
  each((s) => s === "portable" ? null
    : { name: `${s} http32`, kind: "http-concurrent", ...servers[s].http, tool: servers[s].echo, arguments: text,
        calls: concurrentCalls, warmup, concurrency });
  for (const [label, tool] of [["regex", regex], ["js", js]]) {
    each((s) => s === "kami" ? stdio(s, `${label} stdio32`, { kind: "stdio-concurrent", ...tool, calls: concurrentCalls, warmup, concurrency }) : null);
    each((s) => s === "kami" ? { name: `${s} ${label} http32`, kind: "http-concurrent", ...servers[s].http, ...tool,
      calls: concurrentCalls, warmup, concurrency } : null);
  }
}
plan.push(
  { ...stdio("kami", "1000 tools", { calls: 1, listRepeats: 20 }), args: ["serve", "--home", many], tool: "dev.bench.t0001" },
  stdio("kami", "echo cold", { calls: 1, clearCache: `${home}/cache` }),
  stdio("kami", "js cold", { tool: "dev.kami.js-echo", calls: 1, clearCache: `${home}/cache` }),
);
process.stdout.write(JSON.stringify(plan, null, 2) + "\n");
