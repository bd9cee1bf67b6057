#!/usr/bin/env node
// MCP stdio benchmark: KAMI (`kami serve`, each call in a fresh Wasmtime instance + audit row)
// versus a plain Node MCP server (node-echo-server.mjs, the same echo with no sandbox).
//
// For each server, in the same run (order alternates between rounds), this client (official
// TypeScript SDK Client + StdioClientTransport):
//   1. spawns the server and times spawn -> initialize -> tools/list;
//   2. warms up with --warmup sequential tools/call (default 200), then reads the server's RSS;
//   3. makes --calls sequential tools/call (default 10,000), timing each one, sampling the
//      server's RSS every --rss-every calls (outside the timed region);
//   4. reads the server's RSS again, and its CPU time (utime+stime) used during step 3.
// The server's pid is the transport's child pid (for `dotnet kami.dll` that is the dotnet process).
//
// Usage: node bench.mjs (--kami-dll PATH | --kami-bin PATH) --kami-home DIR [--calls N] [--warmup N] [--rounds N]
//        [--servers kami,node] [--kami-arg ARG ...] [--server-env KEY=VALUE ...] [--text TEXT]
//        [--rss-every N] [--out FILE] [--label NAME]
// --kami-arg adds one argument to `kami serve` (e.g. --kami-arg --concurrency --kami-arg 1);
// --server-env sets an environment variable for every server (e.g. DOTNET_TieredPGO=0);
// --custom-server 'NAME=TOOL=COMMAND ARG ...' adds another echo server to list in --servers.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, resolve, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import os from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");

function parseArgs(argv) {
  const o = {
    calls: 10_000,
    warmup: 200,
    rounds: 1,
    servers: ["kami", "node"],
    kamiDll: join(repoRoot, "artifacts/bin/Kami.Cli/release/kami.dll"),
    kamiBin: null, // a native (NativeAOT) kami; when set it is run instead of `dotnet kami.dll`
    kamiHome: process.env.KAMI_HOME ?? null,
    kamiArgs: [],
    text: "hello",
    out: join(repoRoot, "artifacts/bench/mcp-results.json"),
    rssEvery: 1000,
    label: null,
    serverEnv: {},
    custom: {},
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    const int = (v) => {
      const n = Number.parseInt(v, 10);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${a}: not a non-negative integer: ${v}`);
      return n;
    };
    switch (a) {
      case "--calls": case "-n": o.calls = int(next()); break;
      case "--warmup": o.warmup = int(next()); break;
      case "--rounds": o.rounds = Math.max(1, int(next())); break;
      case "--servers": o.servers = next().split(",").map((s) => s.trim()).filter(Boolean); break;
      case "--kami-dll": o.kamiDll = resolve(next()); break;
      case "--kami-bin": o.kamiBin = resolve(next()); break;
      case "--kami-home": o.kamiHome = resolve(next()); break;
      case "--kami-arg": o.kamiArgs.push(next()); break;
      case "--text": o.text = next(); break;
      case "--out": o.out = resolve(next()); break;
      case "--rss-every": o.rssEvery = Math.max(1, int(next())); break;
      case "--label": o.label = next(); break;
      case "--custom-server": {
        // NAME=TOOL=COMMAND ARG ... (space-separated; the tool must echo like the others)
        const [cname, ctool, ...rest] = next().split("=");
        const argv2 = rest.join("=").trim().split(/\s+/);
        if (!cname || !ctool || !argv2[0]) throw new Error("--custom-server wants NAME=TOOL=COMMAND ARG ...");
        o.custom[cname] = { name: cname, tool: ctool, command: argv2[0], args: argv2.slice(1) };
        break;
      }
      case "--server-env": {
        const kv = next();
        const eq = kv.indexOf("=");
        if (eq <= 0) throw new Error(`--server-env wants KEY=VALUE, got ${kv}`);
        o.serverEnv[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      case "-h": case "--help":
        console.log(readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n").filter((l) => l.startsWith("//")).map((l) => l.slice(3)).join("\n"));
        process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default: throw new Error(`unknown argument ${a} (see --help)`);
    }
  }
  for (const s of o.servers) {
    if (!["kami", "node"].includes(s) && !o.custom[s]) throw new Error(`unknown server ${s} (kami, node, or a --custom-server name)`);
  }
  if (o.servers.includes("kami")) {
    if (o.kamiBin && !existsSync(o.kamiBin)) throw new Error(`kami not found at ${o.kamiBin}; publish it with: scripts/publish-aot.sh`);
    if (!o.kamiBin && !existsSync(o.kamiDll)) throw new Error(`kami.dll not found at ${o.kamiDll}; build with: dotnet build src/Kami.Cli -c Release`);
    if (!o.kamiHome) throw new Error("--kami-home DIR is required (a home with examples/echo installed)");
  }
  return o;
}

function serverSpec(name, o) {
  if (o.custom[name]) return o.custom[name];
  if (name === "kami") {
    return {
      name,
      tool: "dev.kami.echo",
      command: o.kamiBin ?? "dotnet",
      args: [...(o.kamiBin ? [] : [o.kamiDll]), "serve", "--home", o.kamiHome, ...o.kamiArgs],
    };
  }
  return {
    name,
    tool: "echo",
    command: process.execPath,
    args: [join(here, "node-echo-server.mjs")],
  };
}

// ---- /proc readers (Linux) ----
const CLK_TCK = 100; // USER_HZ; 100 on every mainstream Linux
function procStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => {
      const m = text.match(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, "m"));
      return m ? Number(m[1]) : null;
    };
    const threads = text.match(/^Threads:\s+(\d+)/m);
    return { rssKiB: kb("VmRSS"), hwmKiB: kb("VmHWM"), threads: threads ? Number(threads[1]) : null };
  } catch {
    return { rssKiB: null, hwmKiB: null, threads: null };
  }
}
function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is state (field 3); utime is field 14, stime field 15
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}
function procExe(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return null;
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}
function summarize(latMs) {
  const s = Float64Array.from(latMs).sort();
  const sum = latMs.reduce((a, b) => a + b, 0);
  return {
    count: s.length,
    meanMs: sum / s.length,
    minMs: s[0],
    p50Ms: percentile(s, 50),
    p90Ms: percentile(s, 90),
    p99Ms: percentile(s, 99),
    p999Ms: percentile(s, 99.9),
    maxMs: s[s.length - 1],
  };
}

async function callOnce(client, spec, text, expected) {
  const res = await client.callTool({ name: spec.tool, arguments: { text } });
  if (res.isError) throw new Error(`${spec.name}: tool returned an error: ${JSON.stringify(res.content)}`);
  const got = res.content?.[0]?.text;
  if (got !== expected) throw new Error(`${spec.name}: unexpected result ${JSON.stringify(got)} (want ${expected})`);
}

async function benchServer(spec, o, round) {
  const stderrTail = [];
  const transport = new StdioClientTransport({
    command: spec.command,
    args: spec.args,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1", ...o.serverEnv },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (d) => {
    stderrTail.push(String(d));
    if (stderrTail.length > 50) stderrTail.shift();
  });
  const client = new Client({ name: "kami-mcp-bench", version: "1.0.0" });
  const expected = JSON.stringify({ echo: o.text });
  let pid = null;
  try {
    // 1. startup: spawn -> initialize -> tools/list
    const t0 = performance.now();
    await client.connect(transport); // spawns, then initialize + notifications/initialized
    const tInit = performance.now();
    const tools = await client.listTools();
    const tList = performance.now();
    pid = transport.pid;
    if (!tools.tools.some((t) => t.name === spec.tool)) {
      throw new Error(`${spec.name}: tool ${spec.tool} not listed (got ${tools.tools.map((t) => t.name).join(", ")})`);
    }
    const startup = {
      initializeMs: tInit - t0,
      toolsListMs: tList - tInit,
      totalMs: tList - t0,
    };
    const server = { pid, cmdline: procExe(pid), version: client.getServerVersion() };

    // 2. warm-up
    const tw0 = performance.now();
    for (let i = 0; i < o.warmup; i++) await callOnce(client, spec, o.text, expected);
    const warmupMs = performance.now() - tw0;
    const afterWarmup = procStatus(pid);
    const cpu0 = procCpuMs(pid);

    // 3. measured calls
    const lat = new Array(o.calls);
    const rssSamples = [{ call: 0, rssKiB: afterWarmup.rssKiB }];
    const tr0 = performance.now();
    let paused = 0; // time spent sampling /proc, excluded from throughput
    for (let i = 0; i < o.calls; i++) {
      const c0 = performance.now();
      await callOnce(client, spec, o.text, expected);
      lat[i] = performance.now() - c0;
      if ((i + 1) % o.rssEvery === 0) {
        const p0 = performance.now();
        rssSamples.push({ call: i + 1, rssKiB: procStatus(pid).rssKiB });
        paused += performance.now() - p0;
      }
    }
    const elapsedMs = performance.now() - tr0 - paused;
    const cpu1 = procCpuMs(pid);
    const afterCalls = procStatus(pid);

    const latency = summarize(lat);
    // p50 per window of --rss-every calls: shows whether the server was still warming up (e.g. .NET tiered JIT).
    const p50ByWindow = [];
    for (let w = 0; w < o.calls; w += o.rssEvery) {
      p50ByWindow.push({ fromCall: w, p50Ms: summarize(lat.slice(w, w + o.rssEvery)).p50Ms });
    }
    return {
      server: spec.name,
      round,
      tool: spec.tool,
      command: [spec.command, ...spec.args].join(" "),
      process: server,
      startup,
      warmup: { calls: o.warmup, elapsedMs: warmupMs },
      calls: o.calls,
      elapsedMs,
      throughputPerSec: (o.calls * 1000) / elapsedMs,
      latency,
      p50ByWindow,
      serverCpuMsDuringCalls: cpu0 != null && cpu1 != null ? cpu1 - cpu0 : null,
      serverCpuMsPerCall: cpu0 != null && cpu1 != null && o.calls > 0 ? (cpu1 - cpu0) / o.calls : null,
      memory: {
        afterWarmup,
        afterCalls,
        rssGrowthKiB: afterWarmup.rssKiB != null && afterCalls.rssKiB != null ? afterCalls.rssKiB - afterWarmup.rssKiB : null,
        rssSamples,
      },
      latenciesMs: lat,
    };
  } catch (err) {
    err.message += stderrTail.length ? `\n--- ${spec.name} stderr (tail) ---\n${stderrTail.join("")}` : "";
    throw err;
  } finally {
    await client.close().catch(() => {});
  }
}

function pooled(name, runs) {
  const lat = runs.flatMap((r) => r.latenciesMs);
  const elapsed = runs.reduce((a, r) => a + r.elapsedMs, 0);
  return {
    server: name,
    runs: runs.length,
    calls: lat.length,
    throughputPerSec: (lat.length * 1000) / elapsed,
    latency: summarize(lat),
    startupMedianMs: median(runs.map((r) => r.startup.totalMs)),
    rssAfterWarmupKiB: runs.map((r) => r.memory.afterWarmup.rssKiB),
    rssAfterCallsKiB: runs.map((r) => r.memory.afterCalls.rssKiB),
    serverCpuMsPerCall: median(runs.map((r) => r.serverCpuMsPerCall).filter((x) => x != null)),
  };
}
function median(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const f2 = (x) => (x == null || Number.isNaN(x) ? "-" : x.toFixed(x < 10 ? 3 : 1));
const mib = (kib) => (kib == null ? "-" : (kib / 1024).toFixed(1));
function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => "| " + cells.map((c, i) => String(c).padStart(widths[i])).join(" | ") + " |";
  return [line(headers), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map(line)].join("\n");
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const loadBefore = os.loadavg();
  const runs = [];
  for (let round = 1; round <= o.rounds; round++) {
    const order = round % 2 === 1 ? o.servers : [...o.servers].reverse();
    for (const name of order) {
      const spec = serverSpec(name, o);
      process.stderr.write(`round ${round}: ${name}: ${o.warmup} warm-up + ${o.calls} calls ...\n`);
      const r = await benchServer(spec, o, round);
      process.stderr.write(
        `round ${round}: ${name}: p50 ${f2(r.latency.p50Ms)} ms, ${r.throughputPerSec.toFixed(0)} calls/s\n`,
      );
      runs.push(r);
    }
  }

  const headers = ["round", "server", "startup ms", "p50 ms", "p90 ms", "p99 ms", "max ms", "calls/s",
    "srv CPU ms/call", "RSS warm MiB", "RSS end MiB", "ΔRSS MiB", "threads"];
  const rows = runs.map((r) => [
    r.round, r.server, f2(r.startup.totalMs), f2(r.latency.p50Ms), f2(r.latency.p90Ms), f2(r.latency.p99Ms),
    f2(r.latency.maxMs), r.throughputPerSec.toFixed(0), f2(r.serverCpuMsPerCall),
    mib(r.memory.afterWarmup.rssKiB), mib(r.memory.afterCalls.rssKiB), mib(r.memory.rssGrowthKiB),
    `${r.memory.afterWarmup.threads}->${r.memory.afterCalls.threads}`,
  ]);
  console.log(`\nMCP stdio echo: ${o.warmup} warm-up + ${o.calls} sequential tools/call per server, ${o.rounds} round(s)`);
  console.log(`host: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? "?"}), node ${process.version}, ` +
    `load average ${loadBefore.map((x) => x.toFixed(2)).join(" ")} before, ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} after ` +
    "(other work on the machine skews the figures)\n");
  console.log(table(rows, headers));
  console.log(`\np50 ms per ${o.rssEvery}-call window (warm-up drift):`);
  for (const r of runs) console.log(`  ${r.round} ${r.server.padEnd(4)} ${r.p50ByWindow.map((w) => f2(w.p50Ms)).join(" ")}`);

  const summary = o.servers.map((s) => pooled(s, runs.filter((r) => r.server === s)));
  if (o.rounds > 1) {
    console.log("\npooled over rounds:");
    console.log(table(summary.map((p) => [p.server, p.calls, f2(p.latency.p50Ms), f2(p.latency.p90Ms),
      f2(p.latency.p99Ms), p.throughputPerSec.toFixed(0), f2(p.startupMedianMs)]),
    ["server", "calls", "p50 ms", "p90 ms", "p99 ms", "calls/s", "startup ms (median)"]));
  }
  const k = summary.find((p) => p.server === "kami");
  const n = summary.find((p) => p.server === "node");
  let comparison = null;
  if (k && n) {
    comparison = {
      p50Ratio: k.latency.p50Ms / n.latency.p50Ms,
      p99Ratio: k.latency.p99Ms / n.latency.p99Ms,
      throughputRatio: k.throughputPerSec / n.throughputPerSec,
      kamiP50NoWorseThanNode: k.latency.p50Ms <= n.latency.p50Ms,
    };
    console.log(`\nkami/node: p50 x${comparison.p50Ratio.toFixed(2)}, p99 x${comparison.p99Ratio.toFixed(2)}, ` +
      `throughput x${comparison.throughputRatio.toFixed(2)}; KAMI p50 <= Node p50: ${comparison.kamiP50NoWorseThanNode}`);
  }

  const result = {
    benchmark: "mcp-stdio-echo",
    label: o.label,
    date: new Date().toISOString(),
    host: { loadavgBefore: loadBefore, loadavgAfter: os.loadavg(), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memTotalMiB: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.platform()} ${os.release()}` },
    options: { calls: o.calls, warmup: o.warmup, rounds: o.rounds, servers: o.servers, kamiDll: o.kamiBin ? null : o.kamiDll, kamiBin: o.kamiBin, kamiArgs: o.kamiArgs, serverEnv: o.serverEnv, text: o.text },
    summary,
    comparison,
    runs: runs.map(({ latenciesMs, ...rest }) => rest),
  };
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, JSON.stringify(result, null, 2) + "\n");
  console.log(`\nresults: ${o.out}`);
}

main().catch((err) => {
  console.error(`bench: ${err.stack ?? err}`);
  process.exit(1);
});
