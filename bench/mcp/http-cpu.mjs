// Server CPU per call over Streamable HTTP (stateless), by how the client speaks (issue 20's legacy-path target):
//   sdk-2025   the official TypeScript SDK client (1.32: protocol 2025-11-25), as today's agents call
//   raw-2025   a bare POST of tools/call with MCP-Protocol-Version 2025-11-25 and no session, one fetch per call
//   raw-2026   a bare 2026-07-28 POST (version, method and name headers; client info and capabilities in _meta)
// Each mode runs `--calls` sequential calls of dev.kami.echo after `--warmup`, in `--rounds` interleaved rounds
// against one `kami serve --http --stateless`; the server's CPU (utime+stime from /proc) over the calls, divided by
// the calls, is the figure. Prints a table, and the ratio of each mode to raw-2026.
//
//   node bench/mcp/http-cpu.mjs --kami "/path/to/kami" [--calls 2000] [--warmup 500] [--rounds 3]
// bench/http-cpu.sh builds or finds kami, installs the echo example into a temporary home and runs this.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const kami = (args.kami ?? '').split(' ').filter(Boolean);
if (!kami.length || !args.home) { console.error('usage: node http-cpu.mjs --kami "KAMI COMMAND" --home HOME [--calls N] [--warmup N] [--rounds N]'); process.exit(2); }
// The TS SDK client leaves an abort listener per call on a long-lived signal; thousands of calls are expected here.
setMaxListeners(0);
const calls = Number(args.calls ?? 2000), warmup = Number(args.warmup ?? 500), rounds = Number(args.rounds ?? 3);
const tool = args.tool ?? 'dev.kami.echo';
const token = randomBytes(32).toString('hex');

const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
const cpuMs = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / ticksPerMs; };
const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });

const port = await freePort();
const tokenFile = `${args.home}/bench-token`;
writeFileSync(tokenFile, token, { mode: 0o600 });
const server = spawn(kami[0], [...kami.slice(1), 'serve', '--http', `127.0.0.1:${port}`, '--stateless', '--token-file', tokenFile, '--home', args.home],
  { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, KAMI_LOG_LEVEL: 'warn' } });
const url = `http://127.0.0.1:${port}/mcp`;
for (let i = 0; ; i++) {
  try { if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break; } catch { /* not up yet */ }
  if (server.exitCode !== null || i > 300) throw new Error('kami serve did not become ready (its error is above)');
  await new Promise((r) => setTimeout(r, 100));
}

async function sdkCaller() {
  const client = new Client({ name: 'http-cpu', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return { call: async (text) => JSON.stringify((await client.callTool({ name: tool, arguments: { text } })).content), close: () => client.close() };
}

function rawCaller(version) {
  let id = 0;
  const meta = version === '2026-07-28' ? {
    'io.modelcontextprotocol/protocolVersion': version,
    'io.modelcontextprotocol/clientInfo': { name: 'http-cpu', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': {},
  } : undefined;
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': version };
  if (version === '2026-07-28') Object.assign(headers, { 'Mcp-Method': 'tools/call', 'Mcp-Name': tool });
  return {
    call: async (text) => {
      const body = { jsonrpc: '2.0', id: ++id, method: 'tools/call', params: { name: tool, arguments: { text }, ...(meta ? { _meta: meta } : {}) } };
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
      return response.text();
    },
    close: async () => {},
  };
}

const modes = { 'sdk-2025': sdkCaller, 'raw-2025': async () => rawCaller('2025-11-25'), 'raw-2026': async () => rawCaller('2026-07-28') };
const results = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
for (let round = 0; round < rounds; round++) {
  for (const [mode, make] of Object.entries(modes)) {
    const caller = await make();
    for (let i = 0; i < warmup; i++) await caller.call(`w${i}`);
    const before = cpuMs(server.pid), began = performance.now();
    for (let i = 0; i < calls; i++) {
      const answer = await caller.call(`c${i}`);
      if (!answer.includes(`c${i}`)) throw new Error(`${mode}: call ${i} answered ${answer.slice(0, 200)}`);
    }
    const wall = performance.now() - began, cpu = cpuMs(server.pid) - before;
    results[mode].push({ cpuPerCall: cpu / calls, wallPerCall: wall / calls });
    await caller.close();
  }
}
server.kill();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(results['raw-2026'].map((r) => r.cpuPerCall));
console.log(`kami serve --http --stateless, ${calls} sequential calls of ${tool} per mode and round, ${rounds} rounds (median shown), load average ${loadavg()[0].toFixed(1)}`);
console.log('| client | server CPU per call | wall per call | CPU ratio to raw-2026 |');
console.log('|---|---|---|---|');
for (const [mode, rows] of Object.entries(results)) {
  const cpu = median(rows.map((r) => r.cpuPerCall)), wall = median(rows.map((r) => r.wallPerCall));
  console.log(`| ${mode} | ${cpu.toFixed(3)} ms | ${wall.toFixed(3)} ms | ${(cpu / base).toFixed(2)}x |`);
}
