// The fleet test's client side (scripts/fleet-test.sh starts PostgreSQL, HAProxy and the replicas, then runs this).
// It speaks MCP with the official TypeScript SDK (@modelcontextprotocol/sdk, installed by the script into its cache),
// one Client per worker, through HAProxy or to one replica directly.
//
//   node driver.mjs fleet CONFIG.json       install, propagation, speed, load with a replica killed and PostgreSQL
//                                           restarted, uninstall, audit; exit 1 if a check fails
//   node driver.mjs first-call URL TOOL     one connect, list and call; prints the call's milliseconds (bench/fleet-first-call.sh)
//
// The token comes from KAMI_FLEET_TOKEN (never from the command line, where `ps` shows it).
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const require = createRequire(process.env.KAMI_FLEET_NODE_MODULES + '/');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const token = process.env.KAMI_FLEET_TOKEN;
if (!token) throw new Error('KAMI_FLEET_TOKEN is not set');
const CALL_TIMEOUT_MS = 20_000;

/**
 * A connected client. `served()` names the HAProxy server that answered its last request (the X-Kami-Replica header);
 * `label(text)` tags its next requests with X-Fleet-Call, which HAProxy writes in its log with the server it chose.
 */
async function connect(url) {
  let servedBy = null, callLabel = null;
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      if (callLabel) headers.set('x-fleet-call', callLabel);
      const response = await fetch(input, { ...init, headers });
      servedBy = response.headers.get('x-kami-replica') ?? servedBy;
      return response;
    },
  });
  const client = new Client({ name: 'kami-fleet-test', version: '1.0.0' });
  await client.connect(transport, { timeout: CALL_TIMEOUT_MS });
  return { client, served: () => servedBy, label: (text) => { callLabel = text; servedBy = null; }, close: () => client.close().catch(() => {}) };
}

/**
 * HAProxy's log lines `fleet <call> <backend>/<server> <status> <termination state>`, by call label: every line of
 * a call, in the order HAProxy logged them. The first is the call itself. A later one is what the client sent under
 * the same label after it, such as the `notifications/cancelled` it posts when the call times out (answered 202 by
 * whichever replica HAProxy picks), which must not hide where the call went.
 */
function haproxyLog(path) {
  const byCall = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^fleet (\S+) \S+?\/(\S+) (-?\d+) (\S+)/.exec(line);
    if (!m || m[1] === '-') continue;
    if (!byCall.has(m[1])) byCall.set(m[1], []);
    byCall.get(m[1]).push({ server: m[2], status: Number(m[3]), termination: m[4] });
  }
  return byCall;
}
const describeProxied = (lines) => lines?.map((l) => `${l.server} ${l.status} ${l.termination}`).join(', then ') ?? 'no log line';

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const ms = (x) => `${x.toFixed(1)} ms`;

async function listed(connection, tool) {
  const { tools } = await connection.client.listTools(undefined, { timeout: CALL_TIMEOUT_MS });
  return tools.some((t) => t.name === tool);
}

/** Polls every replica directly until each lists (or no longer lists) the tool; the milliseconds each took. */
async function waitForEveryReplica(direct, tool, present, since, limitMs) {
  return Promise.all(direct.map(async ({ name, connection }) => {
    for (;;) {
      const elapsed = performance.now() - since;
      if ((await listed(connection, tool)) === present) return { name, elapsed };
      if (elapsed > limitMs * 10) return { name, elapsed: Infinity };
      await sleep(20);
    }
  }));
}

/**
 * `total` calls of `tool` from `concurrency` workers, each with its own client to `url`. `events` run when the
 * given number of calls has started. Every call carries a unique text, so the audit log can be matched call by call.
 */
async function load(url, tool, total, concurrency, label, events = []) {
  const workers = await Promise.all(Array.from({ length: concurrency }, () => connect(url)));
  const calls = [];
  let next = 0;
  const pending = [...events].sort((a, b) => a.at - b.at);
  const began = performance.now();
  await Promise.all(workers.map(async (worker) => {
    for (;;) {
      const index = next++;
      if (index >= total) return;
      while (pending.length && pending[0].at <= index) pending.shift().run();
      const text = `${label}-${index}`;
      const call = { index, text, start: performance.now() };
      worker.label(text);
      try {
        const result = await worker.client.callTool({ name: tool, arguments: { text } }, undefined, { timeout: CALL_TIMEOUT_MS });
        call.answered = true;
        call.ok = result.isError !== true && JSON.stringify(result.content ?? []).includes(text);
        if (!call.ok) call.error = JSON.stringify(result.content ?? result).slice(0, 300);
      } catch (e) {
        call.answered = false;
        call.ok = false;
        call.error = `${e?.message ?? e}${e?.cause ? ` (${e.cause.code ?? ''} ${e.cause.message ?? e.cause})` : ''}`.slice(0, 300);
      }
      call.end = performance.now();
      call.servedBy = worker.served();
      calls.push(call);
    }
  }));
  const seconds = (performance.now() - began) / 1000;
  await Promise.all(workers.map((w) => w.close()));
  const latencies = calls.filter((c) => c.ok).map((c) => c.end - c.start).sort((a, b) => a - b);
  return { calls, seconds, rate: calls.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function fleet(config) {
  const { tool, kami, db, adminHome } = config;
  const failures = [];
  const check = (ok, message) => { if (!ok) failures.push(message); console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`); };
  const admin = (...args) => run(kami[0], [...kami.slice(1), ...args, '--home', adminHome], { KAMI_DB: db });

  // 1. An install from a fourth home reaches every replica (asked directly) within a second.
  const direct = await Promise.all(config.replicas.map(async (r) => ({ ...r, connection: await connect(r.url) })));
  for (const r of direct) check(!(await listed(r.connection, tool)), `${r.name} does not list ${tool} before the install`);
  const install = await admin('install', config.package, '--yes');
  check(install.code === 0, `kami install ${config.package} (KAMI_DB set, empty home) exits 0${install.code === 0 ? '' : ': ' + install.stderr.trim()}`);
  const installed = performance.now();
  for (const { name, elapsed } of await waitForEveryReplica(direct, tool, true, installed, 1000))
    check(elapsed <= 1000, `${name} lists ${tool} ${ms(elapsed)} after the install returned (limit 1000 ms)`);

  // 2. Speed: one replica directly, then the three behind HAProxy (after a warm-up that compiles the tool on each).
  await load(config.haproxy, tool, config.warmupCalls, config.concurrency, 'warmup');
  // One replica alone behind HAProxy too, so the hop's cost can be told apart from the three replicas'.
  const one = await load(config.replicas[0].url, tool, config.speedCalls, config.concurrency, 'direct');
  const oneProxied = await load(config.haproxyOne, tool, config.speedCalls, config.concurrency, 'proxied');
  const three = await load(config.haproxy, tool, config.speedCalls, config.concurrency, 'balanced');
  const figures = (r) => `${r.rate.toFixed(0)} calls/s (p50 ${ms(r.p50)}, p99 ${ms(r.p99)})`;
  console.log(`speed: 1 replica direct ${figures(one)}; 1 replica through HAProxy ${figures(oneProxied)}; ` +
    `3 replicas through HAProxy ${figures(three)}; 3 through HAProxy / 1 direct ${(three.rate / one.rate).toFixed(2)}x ` +
    `(the hop alone ${(oneProxied.rate / one.rate).toFixed(2)}x, 3 / 1 both through HAProxy ${(three.rate / oneProxied.rate).toFixed(2)}x)`);
  check([one, oneProxied, three].every((r) => r.calls.every((c) => c.ok)), 'every call of the speed runs succeeded');

  // 3. The load: a replica killed with SIGKILL and PostgreSQL restarted while calls run.
  const victim = config.replicas[config.replicas.length - 1];
  let killedAt = null, restart = null, outageInstall = null;
  const events = [
    { at: Math.floor(config.calls * 0.3), run: () => { process.kill(victim.pid, 'SIGKILL'); killedAt = performance.now(); console.log(`killed ${victim.name} (pid ${victim.pid}) with SIGKILL`); } },
    { at: Math.floor(config.calls * 0.55), run: () => {
      const began = performance.now();
      console.log(`restarting PostgreSQL (down for ${config.postgresDownSeconds} s)`);
      restart = run(config.postgresRestart[0], config.postgresRestart.slice(1), {})
        .then((r) => ({ ...r, seconds: (performance.now() - began) / 1000, ended: performance.now() }));
      // An install while the database is down fails with one line saying which server and what to do.
      outageInstall = sleep(500).then(async () => ({ ...(await admin('install', config.outagePackage, '--yes')), ended: performance.now() }));
    } },
  ];
  const chaos = await load(config.haproxy, tool, config.calls, config.concurrency, 'fleet', events);
  const restarted = restart ? await restart : { code: -1, stderr: 'never started', seconds: 0 };
  console.log(`PostgreSQL restarted in ${restarted.seconds.toFixed(1)} s`);
  check(restarted.code === 0, `PostgreSQL restart exits 0${restarted.code === 0 ? '' : ': ' + restarted.stderr.trim()}`);
  const during = outageInstall ? await outageInstall : { code: 0, stderr: '', ended: Infinity };
  if (during.code === 0 && during.ended > restarted.ended)
    console.log('note: the install meant for the outage finished after the database was back (a slow start); not judged this run');
  else {
    const lines = during.stderr.trim().split('\n');
    check(during.code !== 0 && lines.length === 1 && /cannot|starting up|refused/.test(lines[0]) && !/ at |Exception/.test(lines[0]),
      `an install during the outage fails with one line: ${JSON.stringify(during.stderr.trim().slice(0, 300))}`);
  }
  const failed = chaos.calls.filter((c) => !c.ok);
  // A call may fail only if it was in flight on the replica when it died, and got no answer. HAProxy's log names the
  // replica it sent a call to; a call it sent over a reused connection to the dying replica is not logged at all:
  // HAProxy closes the client's connection instead, so that the client may retry (its http-reuse behaviour), and the
  // client sees "other side closed". Those count as in flight on the killed replica only if they started within
  // the 2 s HAProxy needs to take it out (fall 2 × inter 500 ms, plus a margin). A call HAProxy could not deliver
  // (connection refused) goes to another replica (redispatch). A call whose answer had begun (the SSE headers were
  // out) when its replica died fails only at the client's timeout: the SDK keeps waiting on a stream that ended
  // without the answer. Anything else is a failure of the fleet.
  const proxied = haproxyLog(config.haproxyLog);
  const onVictim = (c) => proxied.get(c.text)?.[0].server === victim.name ||
    (!proxied.has(c.text) && /other side closed|UND_ERR_SOCKET/.test(c.error) && c.start <= killedAt + 2000);
  const inFlight = failed.filter((c) => !c.answered && killedAt !== null && c.end >= killedAt && onVictim(c));
  const other = failed.filter((c) => !inFlight.includes(c));
  for (const c of failed) c.proxied = proxied.get(c.text);
  console.log(`load: ${chaos.calls.length} calls at ${config.concurrency}-way through HAProxy in ${chaos.seconds.toFixed(1)} s: ` +
    `${chaos.rate.toFixed(0)} calls/s, p50 ${ms(chaos.p50)}, p99 ${ms(chaos.p99)}; failed ${failed.length} ` +
    `(${inFlight.length} in flight on the killed replica, ${other.length} other)`);
  const inFlightKinds = {};
  for (const c of inFlight) { const kind = /timed out/i.test(c.error) ? 'timed out' : c.error.slice(0, 60); inFlightKinds[kind] = (inFlightKinds[kind] ?? 0) + 1; }
  if (inFlight.length) console.log(`  in flight on ${victim.name}: ${JSON.stringify(inFlightKinds)}`);
  for (const c of other.slice(0, 10))
    console.log(`  failed call ${c.text} (HAProxy: ${describeProxied(c.proxied)}): ${c.error}`);
  check(inFlight.length <= config.concurrency, `at most ${config.concurrency} calls failed in flight on the killed replica (${inFlight.length})`);
  check(other.length === 0, `no other call failed (${other.length})`);
  const byReplica = {};
  for (const c of chaos.calls) byReplica[c.servedBy ?? 'unknown'] = (byReplica[c.servedBy ?? 'unknown'] ?? 0) + 1;
  console.log(`calls per replica: ${JSON.stringify(byReplica)}`);

  // 4. The uninstall leaves every live replica within a second.
  const live = direct.filter((r) => r.name !== victim.name);
  const uninstall = await admin('uninstall', tool);
  check(uninstall.code === 0, `kami uninstall ${tool} exits 0${uninstall.code === 0 ? '' : ': ' + uninstall.stderr.trim()}`);
  const uninstalled = performance.now();
  for (const { name, elapsed } of await waitForEveryReplica(live, tool, false, uninstalled, 1000))
    check(elapsed <= 1000, `${name} no longer lists ${tool} ${ms(elapsed)} after the uninstall returned (limit 1000 ms)`);
  await Promise.all(direct.map((r) => r.connection.close()));
  // Each live replica listens again after the restart (its LISTEN connection came back by itself, not only the polling).
  const listening = await run('psql', [db, '-tAc', "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'"], {});
  check(listening.code === 0 && Number(listening.stdout.trim()) === live.length,
    `after the restart PostgreSQL has ${live.length} LISTEN connections, one per live replica (${listening.stdout.trim() || listening.stderr.trim()})`);

  // 5. Every call that got an answer is in the fleet's audit log (kami logs with KAMI_DB), with the replica that ran it.
  const answered = [one, oneProxied, three, chaos].flatMap((r) => r.calls).filter((c) => c.answered);
  let logged = new Map();
  for (let attempt = 0; attempt < 10; attempt++) {
    const logs = await admin('logs', '--json', '--limit', '100000', '--tool', tool);
    if (logs.code !== 0) { check(false, `kami logs --json exits 0: ${logs.stderr.trim()}`); break; }
    logged = new Map();
    for (const record of JSON.parse(logs.stdout)) {
      const text = /"text"\s*:\s*"([^"]+)"/.exec(record.arguments ?? '')?.[1];
      if (text) logged.set(text, record.replica ?? null);
    }
    if (answered.every((c) => logged.has(c.text))) break;
    await sleep(500); // a replica writes its queue in the background; give the last records a moment
  }
  const missing = answered.filter((c) => !logged.has(c.text));
  const missingOnVictim = missing.filter((c) => c.servedBy === victim.name).length;
  console.log(`audit: ${answered.length} answered calls, ${logged.size} logged; missing ${missing.length} ` +
    `(${missingOnVictim} answered by the killed ${victim.name}, ${missing.length - missingOnVictim} by live replicas)`);
  check(missing.length === 0, `every answered call is in the audit log (${missing.length} missing)`);
  const wrongReplica = answered.filter((c) => c.servedBy && logged.get(c.text) && logged.get(c.text) !== c.servedBy);
  check(wrongReplica.length === 0, `each logged call names the replica that answered it (${wrongReplica.length} do not)`);

  console.log(failures.length === 0 ? 'fleet test passed' : `fleet test FAILED: ${failures.length} check(s)`);
  return failures.length === 0 ? 0 : 1;
}

async function firstCall(url, tool) {
  const connection = await connect(url);
  if (!(await listed(connection, tool))) throw new Error(`${url} does not list ${tool}`);
  const began = performance.now();
  const result = await connection.client.callTool({ name: tool, arguments: { text: 'first' } }, undefined, { timeout: 120_000 });
  const elapsed = performance.now() - began;
  await connection.close();
  if (result.isError) throw new Error(`the call failed: ${JSON.stringify(result.content)}`);
  console.log(elapsed.toFixed(1));
  return 0;
}

const [mode, ...args] = process.argv.slice(2);
let code;
if (mode === 'fleet') code = await fleet(JSON.parse(readFileSync(args[0], 'utf8')));
else if (mode === 'first-call') code = await firstCall(args[0], args[1]);
else { console.error('usage: driver.mjs fleet CONFIG.json | first-call URL TOOL'); code = 2; }
process.exit(code);
