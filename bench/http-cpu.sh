#!/usr/bin/env bash
# Server CPU per call over Streamable HTTP (stateless) by client: the TypeScript SDK (2025-11-25), bare 2025-11-25
# POSTs and bare 2026-07-28 POSTs (bench/mcp/http-cpu.mjs says how). One SQLite home with examples/echo installed.
#   bench/http-cpu.sh [CALLS] [ROUNDS]     (defaults 2000 and 3)
# kami: $KAMI_BENCH_BINARY (e.g. the NativeAOT one), else a Release build of src/Kami.Cli run with dotnet.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
(cd bench/mcp && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
if [[ -n "${KAMI_BENCH_BINARY:-}" ]]; then
  kami="$KAMI_BENCH_BINARY"
else
  dotnet build src/Kami.Cli/Kami.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  kami="dotnet $root/artifacts/bin/Kami.Cli/release/kami.dll"
fi
home="$(mktemp -d "${TMPDIR:-/tmp}/kami-http-cpu.XXXXXX")"
trap 'rm -rf "$home"' EXIT
$kami install "$root/examples/echo" --yes --home "$home" >/dev/null
node bench/mcp/http-cpu.mjs --kami "$kami" --home "$home" --calls "${1:-2000}" --warmup 500 --rounds "${2:-3}"
