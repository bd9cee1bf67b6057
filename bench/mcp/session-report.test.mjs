// node --test bench/mcp/session-report.test.mjs
// session-report.mjs keeps what follows its marker (and, in a file from before the marker, the known sections other
// work adds), and judges each target on the ratio the issue states.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const script = new URL("./session-report.mjs", import.meta.url).pathname;
const marker = "<!-- bench/session.sh writes everything above this line; what follows it is kept as it is -->";

const stdio = (name, o) => ({
  name, kind: "stdio", calls: 1000, listedMs: o.listed, firstCallMs: o.first ?? 2,
  first500: { p50Ms: o.p50, p99Ms: 1 }, all: { p50Ms: o.p50, p99Ms: 1, count: 999 },
  callsPerSec: o.rate, cpuMsPerCall: o.cpu, rssKiB: { listed: 40000, afterFirstCall: 41000, after500: 42000, end: 43000 },
});
const concurrent = (name, rate) => ({
  name, kind: "http-concurrent", concurrency: 32, callsPerCaller: 10, warmupPerCaller: 2, calls: 320, wallMs: 1000,
  callsPerSec: rate, all: { p50Ms: 5, p99Ms: 9, count: 320 }, cpuMsPerCall: 0.1, clientCpuMsPerCall: 0.2, rssKiB: { end: 1 },
});
const results = {
  date: "2026-12-01T00:00:00.000Z", durationS: 60,
  host: { cpus: 2, cpuModel: "test", memTotalMiB: 1, node: "v20", platform: "linux", loadavgBefore: [0, 0, 0], loadavgAfter: [0, 0, 0] },
  results: [
    // spawn: 0.1x (met); p50: 2x (missed); sequential throughput 2x (met); CPU 0.5x (met).
    stdio("node seq", { listed: 400, p50: 0.1, rate: 1000, cpu: 0.2 }),
    stdio("kami seq", { listed: 40, p50: 0.2, rate: 2000, cpu: 0.1 }),
    concurrent("node http32", 100), concurrent("kami http32", 110), // 1.1x: missed
    concurrent("node stdio32", 100), concurrent("kami stdio32", 300), // 3x: met
  ],
};
const extra = { installedListUs: 50_000, portableListUs: null, rid: "linux-x64", benchSeconds: 100, built: 0,
  status: { settings: [{ key: "max_concurrency", value: "2", source: "default" }, { key: "queue_limit", value: "256", source: "default" }] } };

function report(existing) {
  const dir = mkdtempSync(join(tmpdir(), "session-report-"));
  const out = join(dir, "performance.md");
  writeFileSync(join(dir, "results.json"), JSON.stringify(results));
  writeFileSync(join(dir, "extra.json"), JSON.stringify(extra));
  if (existing != null) writeFileSync(out, existing);
  execFileSync("node", [script, join(dir, "results.json"), join(dir, "extra.json"), out]);
  return readFileSync(out, "utf8");
}
const rowOf = (text, label) => text.split("\n").find((l) => l.startsWith(`| ${label}`)) ?? assert.fail(`no row ${label}`);

test("Report_TextAfterMarker_IsKeptAsItIs", () => {
  const tail = "\n## Outbound HTTP bodies\n\nhand-written | figures\n\n## Anything else\n\nkept too\n";
  const text = report(`# old\n\nold table\n\n${marker}\n${tail}`);
  assert.ok(text.endsWith(`${marker}\n${tail}`), text.slice(-400));
  assert.ok(!text.includes("old table"));
  assert.equal(report(text), text, "a second run changes nothing");
});

test("Report_FileFromBeforeTheMarker_KeepsTheOutboundHttpSection", () => {
  const text = report("# old\n\n## What bounds\n\nold\n\n## Outbound HTTP bodies\n\nbodies text\n\n## How to rerun\n\nold rerun\n");
  assert.ok(text.endsWith(`${marker}\n\n## Outbound HTTP bodies\n\nbodies text\n`), text.slice(-300));
  assert.equal(text.match(/^## How to rerun/gm).length, 1);
});

test("Report_Targets_AreJudgedOnTheIssuesRatios", () => {
  const text = report(null);
  assert.match(rowOf(text, "spawn → tools listed"), /0\.10x .* \*\*met\*\*/);
  assert.match(rowOf(text, "p50 / p99 of the first 500"), /2\.00x .* \*\*missed\*\*/);
  assert.match(rowOf(text, "throughput, sequential"), /2\.00x .* \*\*met\*\*/);
  assert.match(rowOf(text, "server CPU per call, sequential"), /0\.50x .* \*\*met\*\*/);
  assert.match(rowOf(text, "throughput, 32 clients, Streamable HTTP"), /1\.10x .* \*\*missed\*\*/);
  assert.match(rowOf(text, "throughput, 32 callers in flight"), /3\.00x .* \*\*met\*\*/);
  assert.match(rowOf(text, "`kami list` with 1,000 tools"), /50 ms .* \*\*met\*\*/);
  assert.match(rowOf(text, "RSS listed"), /not judged/, "1,000 calls cannot judge a 10,000-call target");
  assert.match(text, /`max_concurrency` 2 .*default; `queue_limit` 256/);
  assert.ok(text.endsWith(`${marker}\n`));
});
