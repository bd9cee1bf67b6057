#!/usr/bin/env bash
# MCP stdio benchmark: KAMI (`kami serve`) vs a plain Node MCP echo server (no sandbox).
# Installs the pinned TS SDK (npm ci), builds KAMI in Release, installs examples/echo into a
# throw-away KAMI home, then runs bench.mjs. Results: a table on stdout and
# artifacts/bench/mcp-results.json (or --out FILE).
#
#   bench/mcp/run.sh [--aot] [--calls N] [--warmup N] [--rounds N] [--no-build] [bench.mjs options ...]
#   e.g. bench/mcp/run.sh --aot --calls 10000 --rounds 3    # kami as it ships: NativeAOT (scripts/publish-aot.sh)
#        bench/mcp/run.sh --calls 10000 --rounds 2          # kami under the JIT (dotnet kami.dll)
#        bench/mcp/run.sh --calls 2000 --kami-arg --concurrency --kami-arg 1 --out /tmp/c1.json
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

build=1
aot=0
args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --aot) aot=1; shift ;;
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
kami=(--kami-dll "$dll")
if [ "$aot" = 1 ]; then
  bin="$root/artifacts/aot/linux-x64/kami"
  if [ "$build" = 1 ] || [ ! -x "$bin" ]; then "$root/scripts/publish-aot.sh" >/dev/null; fi
  kami=(--kami-bin "$bin")
fi

home="$(mktemp -d "${TMPDIR:-/tmp}/kami-bench-home.XXXXXX")"
trap 'rm -rf "$home"' EXIT
(cd "$root" && dotnet "$dll" install examples/echo --home "$home" >/dev/null)

cd "$root"
node "$here/bench.mjs" "${kami[@]}" --kami-home "$home" "${args[@]}"
