// Before/after plan for issue 19: Node echo, the kami before this branch (base) and after (new), alternating.
const here = new URL("..", import.meta.url).pathname.replace(/\/$/, ""), home = process.env.KAMI_BENCH_HOME ?? "/tmp/cmp/home";
const conc = Number(process.argv[2] ?? 50);
const regex = { tool: "dev.kami.regex-extract", arguments: { pattern: "\\d+", text: "order 66 shipped 2026-12-05, 3 items" } };
const js = { tool: "dev.kami.js-echo", arguments: { text: "hello" } };
const servers = {
  node: { stdio: { command: "node", args: [`${here}/node-echo-server.mjs`] }, http: { command: "node", args: [`${here}/node-echo-http-server.mjs`, "0"] } },
  base: { stdio: { command: process.env.KAMI_BEFORE ?? "/tmp/kami-base-tool/kami", args: ["serve", "--home", home] }, http: { command: process.env.KAMI_BEFORE ?? "/tmp/kami-base-tool/kami", args: ["serve", "--home", home, "--http", "127.0.0.1:0", "--no-auth", "--stateless"] } },
  new: { stdio: { command: process.env.KAMI_AFTER ?? "/tmp/kami-new-tool/kami", args: ["serve", "--home", home] }, http: { command: process.env.KAMI_AFTER ?? "/tmp/kami-new-tool/kami", args: ["serve", "--home", home, "--http", "127.0.0.1:0", "--no-auth", "--stateless"] } },
};
const plan = [];
for (const round of [0, 1]) {
  const order = round === 0 ? ["node", "base", "new"] : ["new", "base", "node"];
  for (const s of order) {
    if (s === "node") plan.push({ name: "node seq", ...servers.node.stdio, tool: "echo", arguments: { text: "hello" }, calls: 501 });
    else for (const [l, t] of [["regex", regex], ["js", js]]) plan.push({ name: `${s} ${l}`, ...servers[s].stdio, ...t, calls: 501 });
  }
  if (conc > 0) for (const s of order) {
    const tools = s === "node" ? [["echo", { tool: "echo", arguments: { text: "hello" } }]] : [["regex", regex], ["js", js]];
    for (const [l, t] of tools) {
      plan.push({ name: `${s} ${l} stdio32`, kind: "stdio-concurrent", ...servers[s].stdio, ...t, calls: conc, warmup: 10, concurrency: 32 });
      plan.push({ name: `${s} ${l} http32`, kind: "http-concurrent", ...servers[s].http, ...t, calls: conc, warmup: 10, concurrency: 32 });
    }
  }
}
process.stdout.write(JSON.stringify(plan, null, 2));
