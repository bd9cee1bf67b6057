#!/usr/bin/env bash
# MCP stdio benchmark: KAMI (`kami serve`) vs a plain Node MCP echo server (no sandbox).
# Installs the pinned TS SDK (npm ci), builds KAMI in Release, installs examples/echo into a
# throw-away KAMI home, then runs bench.mjs. Results: a table on stdout and
# artifacts/bench/mcp-results.json (or --out FILE).
#
#   bench/mcp/run.sh [--calls N] [--warmup N] [--rounds N] [--no-build] [bench.mjs options ...]
#   e.g. bench/mcp/run.sh --calls 10000 --rounds 2
#        bench/mcp/run.sh --calls 2000 --kami-arg --concurrency --kami-arg 1 --out /tmp/c1.json
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

build=1
args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    -n|--calls) args+=(--calls "${2:?--calls needs a number}"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

dll="$root/artifacts/bin/Kami.Cli/release/kami.dll"
if [ "$build" = 1 ] || [ ! -f "$dll" ]; then
  dotnet build "$root/src/Kami.Cli" -c Release --nologo -v quiet -clp:ErrorsOnly
fi

home="$(mktemp -d "${TMPDIR:-/tmp}/kami-bench-home.XXXXXX")"
trap 'rm -rf "$home"' EXIT
(cd "$root" && dotnet "$dll" install examples/echo --home "$home" >/dev/null)

cd "$root"
node "$here/bench.mjs" --kami-dll "$dll" --kami-home "$home" "${args[@]}"
