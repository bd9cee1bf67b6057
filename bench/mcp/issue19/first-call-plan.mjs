// Env: KAMI_BEFORE, KAMI_AFTER (the two installed kami binaries), KAMI_BENCH_HOME (a home with echo, js-echo and regex-extract installed).
const here = new URL("..", import.meta.url).pathname.replace(/\/$/, ""), home = process.env.KAMI_BENCH_HOME ?? "/tmp/cmp/home";
const regex = { tool: "dev.kami.regex-extract", arguments: { pattern: "\\d+", text: "order 66 shipped 2026-12-05, 3 items" } };
const js = { tool: "dev.kami.js-echo", arguments: { text: "hello" } };
const echo = { tool: "dev.kami.echo", arguments: { text: "hello" } };
const plan = [];
for (const round of [0, 1, 2]) {
  plan.push({ name: "node seq", command: "node", args: [`${here}/node-echo-server.mjs`], tool: "echo", arguments: { text: "hello" }, calls: 1 });
  for (const k of ["base", "new"]) for (const [l, t] of [["echo", echo], ["regex", regex], ["js", js]]) {
    plan.push({ name: `${k} ${l}`, command: k === "base" ? (process.env.KAMI_BEFORE ?? "/tmp/kami-base-tool/kami") : (process.env.KAMI_AFTER ?? "/tmp/kami-new-tool/kami"), args: ["serve", "--home", home], ...t, calls: 1 });
    plan.push({ name: `${k} ${l} wait`, command: k === "base" ? (process.env.KAMI_BEFORE ?? "/tmp/kami-base-tool/kami") : (process.env.KAMI_AFTER ?? "/tmp/kami-new-tool/kami"), args: ["serve", "--home", home], ...t, calls: 1, waitBeforeFirstCallMs: 1000 });
  }
}
process.stdout.write(JSON.stringify(plan));
