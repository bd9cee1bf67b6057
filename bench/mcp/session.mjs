#!/usr/bin/env node
// What an agent session feels: each scenario spawns a fresh server over stdio (official TS SDK client), times
// spawn -> initialize -> tools/list, the first tools/call, then the following calls, and reads the server's CPU
// (utime+stime) and RSS from /proc. Driven by bench/session.sh, which prepares the KAMI homes and writes
// docs/performance.md from the JSON this prints.
//
// Usage: node session.mjs --plan FILE.json --out FILE.json
// A plan is a list of scenarios: { name, command, args, env?, tool, arguments, calls, clearCache? (a directory whose
// *.cwasm are deleted first), listRepeats? (extra tools/list requests, timed) }.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { readFileSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import os from "node:os";

const CLK_TCK = 100;
const rssKiB = (pid) => {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
};
const cpuMs = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
};
const pct = (xs, p) => {
  if (xs.length === 0) return null;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

async function scenario(s) {
  if (s.clearCache) {
    try {
      for (const f of readdirSync(s.clearCache)) if (f.endsWith(".cwasm")) rmSync(join(s.clearCache, f));
    } catch { /* no cache yet */ }
  }
  const stderr = [];
  const transport = new StdioClientTransport({
    command: s.command, args: s.args, stderr: "pipe",
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1", ...(s.env ?? {}) },
  });
  transport.stderr?.on("data", (d) => { stderr.push(String(d)); if (stderr.length > 40) stderr.shift(); });
  const client = new Client({ name: "kami-session-bench", version: "1.0.0" });
  try {
    const t0 = performance.now();
    await client.connect(transport);
    const listed = await client.listTools();
    const listedMs = performance.now() - t0;
    const pid = transport.pid;
    if (!listed.tools.some((t) => t.name === s.tool)) throw new Error(`${s.name}: ${s.tool} not listed`);
    const rssListed = rssKiB(pid);
    const listMs = [];
    for (let i = 0; i < (s.listRepeats ?? 0); i++) {
      const l0 = performance.now();
      await client.listTools();
      listMs.push(performance.now() - l0);
    }
    const call = async () => {
      const res = await client.callTool({ name: s.tool, arguments: s.arguments });
      if (res.isError) throw new Error(`${s.name}: tool error ${JSON.stringify(res.content)}`);
    };
    const f0 = performance.now();
    await call();
    const firstCallMs = performance.now() - f0;
    const rssAfterFirst = rssKiB(pid);
    const lat = [];
    const cpu0 = cpuMs(pid);
    let rssAfter500 = null;
    for (let i = 1; i < s.calls; i++) {
      const c0 = performance.now();
      await call();
      lat.push(performance.now() - c0);
      if (i === 500) rssAfter500 = rssKiB(pid);
    }
    const cpu1 = cpuMs(pid);
    const first500 = lat.slice(0, 500);
    return {
      name: s.name, tool: s.tool, command: [s.command, ...s.args].join(" "), calls: s.calls,
      listedMs, firstCallMs,
      toolsListP50Ms: pct(listMs, 50),
      first500: { p50Ms: pct(first500, 50), p99Ms: pct(first500, 99) },
      all: { p50Ms: pct(lat, 50), p99Ms: pct(lat, 99), count: lat.length },
      cpuMsPerCall: lat.length && cpu0 != null ? (cpu1 - cpu0) / lat.length : null,
      rssKiB: { listed: rssListed, afterFirstCall: rssAfterFirst, after500: rssAfter500, end: rssKiB(pid) },
    };
  } catch (err) {
    err.message += stderr.length ? `\n--- ${s.name} stderr ---\n${stderr.join("")}` : "";
    throw err;
  } finally {
    await client.close().catch(() => {});
  }
}

const argv = process.argv.slice(2);
const arg = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : null; };
const plan = JSON.parse(readFileSync(arg("--plan"), "utf8"));
const load = os.loadavg();
const results = [];
for (const s of plan) {
  process.stderr.write(`session: ${s.name} ...\n`);
  const r = await scenario(s);
  process.stderr.write(`session: ${s.name}: listed ${r.listedMs.toFixed(1)} ms, first call ${r.firstCallMs.toFixed(1)} ms, p50 ${r.all.p50Ms?.toFixed(3) ?? "-"} ms\n`);
  results.push(r);
}
writeFileSync(arg("--out"), JSON.stringify({
  date: new Date().toISOString(),
  host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memTotalMiB: Math.round(os.totalmem() / 2 ** 20), node: process.version,
    platform: `${os.platform()} ${os.release()}`, loadavgBefore: load, loadavgAfter: os.loadavg() },
  results,
}, null, 2) + "\n");
