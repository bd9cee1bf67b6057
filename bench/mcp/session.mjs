#!/usr/bin/env node
// What an agent session feels: each scenario starts a fresh server and drives it with the official TS SDK client,
// reading the server's CPU (utime+stime) and RSS from /proc. Driven by bench/session.sh, which prepares the KAMI
// homes and writes docs/performance.md (via session-report.mjs) from the JSON this writes.
//
// Usage: node session.mjs --plan FILE.json --out FILE.json
// A plan is a list of scenarios: { name, kind?, command, args, env?, tool, arguments, ... }.
//   kind "stdio" (default): spawn -> initialize -> tools/list, optionally wait (waitBeforeFirstCallMs: an agent thinks
//     before its first call), the first tools/call, then calls - 1 more in turn (one caller). Options: calls,
//     clearCache (a directory whose *.cwasm are deleted first), listRepeats (extra tools/list requests, timed).
//   kind "stdio-concurrent": one server over stdio, one client, `concurrency` callers sharing it, so that many
//     requests are in flight at once over the one session; each caller makes warmup then calls calls.
//   kind "http-concurrent": one server process speaking Streamable HTTP (args may hold "{port}"; the server prints
//     its URL, "serving MCP at http://...", on stderr), `concurrency` clients each with its own connection and
//     initialize, each making warmup then calls calls at once.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
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
const clientCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const pct = (xs, p) => {
  if (xs.length === 0) return null;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const serverEnv = (s) => ({ ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1", ...(s.env ?? {}) });
const newClient = () => new Client({ name: "kami-session-bench", version: "1.0.0" });
const caller = (s, client) => async () => {
  const res = await client.callTool({ name: s.tool, arguments: s.arguments });
  if (res.isError) throw new Error(`${s.name}: tool error ${JSON.stringify(res.content)}`);
};

// `callers` loops at once, each making `perCaller` calls in turn; returns every call's latency and the wall time.
async function inFlight(calls, perCaller) {
  const lat = [];
  const t0 = performance.now();
  await Promise.all(calls.map(async (call) => {
    for (let i = 0; i < perCaller; i++) {
      const c0 = performance.now();
      await call();
      lat.push(performance.now() - c0);
    }
  }));
  return { lat, wallMs: performance.now() - t0 };
}

// Server CPU, client CPU and latency over the timed phase of a concurrent scenario.
async function timedConcurrent(s, pid, calls) {
  await inFlight(calls, s.warmup ?? 0);
  const cpu0 = cpuMs(pid);
  const client0 = clientCpuMs();
  const { lat, wallMs } = await inFlight(calls, s.calls);
  const cpu1 = cpuMs(pid);
  const client1 = clientCpuMs();
  return {
    name: s.name, kind: s.kind, tool: s.tool, command: [s.command, ...s.args].join(" "),
    concurrency: calls.length, callsPerCaller: s.calls, warmupPerCaller: s.warmup ?? 0, calls: lat.length, wallMs,
    callsPerSec: (lat.length * 1000) / wallMs,
    all: { p50Ms: pct(lat, 50), p99Ms: pct(lat, 99), count: lat.length },
    cpuMsPerCall: cpu0 != null && cpu1 != null ? (cpu1 - cpu0) / lat.length : null,
    clientCpuMsPerCall: (client1 - client0) / lat.length,
    rssKiB: { end: rssKiB(pid) },
  };
}

async function withStdio(s, body) {
  const stderr = [];
  const transport = new StdioClientTransport({ command: s.command, args: s.args, stderr: "pipe", env: serverEnv(s) });
  transport.stderr?.on("data", (d) => { stderr.push(String(d)); if (stderr.length > 40) stderr.shift(); });
  const client = newClient();
  try {
    return await body(client, transport);
  } catch (err) {
    err.message += stderr.length ? `\n--- ${s.name} stderr ---\n${stderr.join("")}` : "";
    throw err;
  } finally {
    await client.close().catch(() => {});
  }
}

async function stdioScenario(s) {
  if (s.clearCache) {
    try {
      for (const f of readdirSync(s.clearCache)) if (f.endsWith(".cwasm")) rmSync(join(s.clearCache, f));
    } catch { /* no cache yet */ }
  }
  return withStdio(s, async (client, transport) => {
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
    if (s.waitBeforeFirstCallMs) await sleep(s.waitBeforeFirstCallMs);
    const call = caller(s, client);
    const f0 = performance.now();
    await call();
    const firstCallMs = performance.now() - f0;
    const rssAfterFirst = rssKiB(pid);
    const lat = [];
    const cpu0 = cpuMs(pid);
    let rssAfter500 = null;
    const loop0 = performance.now();
    for (let i = 1; i < s.calls; i++) {
      const c0 = performance.now();
      await call();
      lat.push(performance.now() - c0);
      if (i === 500) rssAfter500 = rssKiB(pid);
    }
    const loopMs = performance.now() - loop0;
    const cpu1 = cpuMs(pid);
    const first500 = lat.slice(0, 500);
    return {
      name: s.name, kind: "stdio", tool: s.tool, command: [s.command, ...s.args].join(" "), calls: s.calls,
      waitBeforeFirstCallMs: s.waitBeforeFirstCallMs ?? 0,
      listedMs, firstCallMs,
      toolsListP50Ms: pct(listMs, 50),
      first500: { p50Ms: pct(first500, 50), p99Ms: pct(first500, 99) },
      all: { p50Ms: pct(lat, 50), p99Ms: pct(lat, 99), count: lat.length },
      callsPerSec: lat.length ? (lat.length * 1000) / loopMs : null,
      cpuMsPerCall: lat.length && cpu0 != null ? (cpu1 - cpu0) / lat.length : null,
      rssKiB: { listed: rssListed, afterFirstCall: rssAfterFirst, after500: rssAfter500, end: rssKiB(pid) },
    };
  });
}

async function stdioConcurrentScenario(s) {
  return withStdio(s, async (client, transport) => {
    await client.connect(transport);
    await client.listTools();
    const call = caller(s, client);
    return timedConcurrent(s, transport.pid, Array.from({ length: s.concurrency }, () => call));
  });
}

// Starts an HTTP server process and resolves with it and its URL once it prints "serving MCP at <url>".
function startHttpServer(s) {
  const child = spawn(s.command, s.args, { stdio: ["ignore", "ignore", "pipe"], env: serverEnv(s) });
  const stderr = [];
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${s.name}: the server did not say where it listens within 30 s`)), 30_000);
    child.stderr.on("data", (d) => {
      stderr.push(String(d));
      if (stderr.length > 40) stderr.shift();
      const m = stderr.join("").match(/serving MCP at (http:\/\/[^\s)]+)/);
      if (m) { clearTimeout(timer); resolve(new URL(m[1])); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`${s.name}: the server exited (${code}) before listening`)); });
    child.on("error", (err) => { clearTimeout(timer); reject(err); });
  });
  return { child, url, stderr };
}

async function stopProcess(child) {
  if (child.exitCode != null || child.signalCode != null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function httpConcurrentScenario(s) {
  const { child, url, stderr } = startHttpServer(s);
  const clients = [];
  try {
    const endpoint = await url;
    for (let i = 0; i < s.concurrency; i++) {
      const client = newClient();
      await client.connect(new StreamableHTTPClientTransport(endpoint));
      clients.push(client);
    }
    const listed = await clients[0].listTools();
    if (!listed.tools.some((t) => t.name === s.tool)) throw new Error(`${s.name}: ${s.tool} not listed`);
    return await timedConcurrent(s, child.pid, clients.map((c) => caller(s, c)));
  } catch (err) {
    err.message += stderr.length ? `\n--- ${s.name} stderr ---\n${stderr.join("")}` : "";
    throw err;
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
    await stopProcess(child);
  }
}

const kinds = { stdio: stdioScenario, "stdio-concurrent": stdioConcurrentScenario, "http-concurrent": httpConcurrentScenario };
const summary = (r) => r.kind === "stdio"
  ? `listed ${r.listedMs.toFixed(1)} ms, first call ${r.firstCallMs.toFixed(1)} ms, p50 ${r.all.p50Ms?.toFixed(3) ?? "-"} ms`
  : `${r.callsPerSec.toFixed(0)} calls/s, p50 ${r.all.p50Ms.toFixed(2)} ms, p99 ${r.all.p99Ms.toFixed(2)} ms`;

const argv = process.argv.slice(2);
const arg = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : null; };
const plan = JSON.parse(readFileSync(arg("--plan"), "utf8"));
const load = os.loadavg();
const started = performance.now();
const results = [];
for (const s of plan) {
  const run = kinds[s.kind ?? "stdio"];
  if (!run) throw new Error(`${s.name}: unknown kind ${s.kind}`);
  process.stderr.write(`session: ${s.name} ...\n`);
  const r = await run(s);
  process.stderr.write(`session: ${s.name}: ${summary(r)}\n`);
  results.push(r);
}
writeFileSync(arg("--out"), JSON.stringify({
  date: new Date().toISOString(),
  durationS: (performance.now() - started) / 1000,
  host: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memTotalMiB: Math.round(os.totalmem() / 2 ** 20), node: process.version,
    platform: `${os.platform()} ${os.release()}`, loadavgBefore: load, loadavgAfter: os.loadavg() },
  results,
}, null, 2) + "\n");
