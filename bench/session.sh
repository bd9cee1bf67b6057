#!/usr/bin/env bash
# What an agent session feels, kami beside a plain Node MCP server (TypeScript SDK, same echo, no sandbox), in one
# run, and writes docs/performance.md. kami is measured as scripts/install.sh installs it: the NativeAOT .NET tool
# for this machine's RID (the pointer package plus the RID-specific package), here installed into a private
# --tool-path so the machine's global tools are untouched. Each scenario is a fresh server process:
#   - spawn -> tools listed; the first call of the C echo and of the 12 MB JavaScript examples/js-echo, made at once
#     after the list and after a 1 s pause (an agent thinks before calling), with the compiled cache warm and cold;
#   - the next calls over stdio, one caller: p50/p99 of the first 500 and of all, calls/s, server CPU per call,
#     RSS listed -> after 500 -> end;
#   - 32-way concurrency: Streamable HTTP stateless (32 clients, one server) and stdio (32 callers in flight on one
#     session), calls/s and p50/p99;
#   - tools/list and `kami list` with 1,000 installed tools;
#   - issue 19's bigger tools, the 1.27 MB C bench/tools/regex-extract and the 12 MB examples/js-echo: the first call
#     at once after the list, the next 500, and both 32-way scenarios, beside the Node echo's.
# Node and kami alternate over 2 rounds. About 10 minutes with the build on a 2-core machine.
#
#   bench/session.sh                       # build, run, write docs/performance.md
#   bench/session.sh --no-build            # reuse artifacts/bench/tool from the last run
#   bench/session.sh --calls 300           # calls per sequential scenario (default 10000; a quick try)
#   bench/session.sh --concurrent-calls 50 # calls per caller in the 32-way scenarios (default 200)
#   bench/session.sh --portable            # also measure the portable tool (install.sh's fallback), a column more
#   bench/session.sh --out FILE            # write the report to FILE instead (what follows its marker in FILE is kept)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/bench/mcp"
build=1
calls=10000
concurrent_calls=200
concurrency=32
portable=0
report="$root/docs/performance.md"
while [ "$#" -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --calls) calls="${2:?--calls needs a number}"; shift 2 ;;
    --concurrent-calls) concurrent_calls="${2:?--concurrent-calls needs a number}"; shift 2 ;;
    --portable) portable=1; shift ;;
    --out) report="${2:?--out needs a file}"; shift 2 ;;
    *) echo "unknown argument $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started=$(date +%s)
out="$root/artifacts/bench"
mkdir -p "$out"
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l >= 2) }'; then
  echo "warning: load average $load: other work on this 2-core machine will skew the figures" >&2
fi
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

quiet=(-nologo -v quiet -clp:ErrorsOnly)
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
# Packs into $2 and installs into the tool path $3 with a NuGet cache of its own, so a package of the same
# version left in ~/.nuget/packages by an earlier build is never installed in place of this one.
install_tool() {
  local packages="$2" tooldir="$3"
  # Called as `install_tool ... || ...`, where set -e does not apply: each step returns on failure.
  rm -rf "$packages" "$tooldir" "$tooldir.nuget"
  case "$1" in
    native)
      dotnet pack "$root/src/Kami.Cli" -c Release -p:KamiToolRid="$rid" -o "$packages" "${quiet[@]}" || return
      dotnet pack "$root/src/Kami.Cli" -c Release -r "$rid" -p:PublishAot=true -p:KamiToolRid="$rid" -o "$packages" "${quiet[@]}" || return ;;
    portable)
      dotnet pack "$root/src/Kami.Cli" -c Release -o "$packages" "${quiet[@]}" || return ;;
  esac
  NUGET_PACKAGES="$tooldir.nuget" dotnet tool install Kami.Cli --tool-path "$tooldir" --add-source "$packages" --prerelease >/dev/null || return
  rm -rf "$tooldir.nuget"
}
tooldir="$out/tool"
installed="$tooldir/kami"
if [ "$build" = 1 ] || [ ! -x "$installed" ]; then
  echo "==> packing and installing the NativeAOT kami for $rid (as scripts/install.sh does; a few minutes)" >&2
  install_tool native "$out/packages" "$tooldir" || {
    echo "error: packing the NativeAOT kami failed (it needs clang and zlib1g-dev, like scripts/install.sh); the bench measures" \
      "what install.sh installs, so it stops here" >&2
    exit 1
  }
fi
# The RID-specific package is what install.sh installs where NativeAOT builds; a portable kami here would mislabel the column.
case "$(readlink -f "$installed")" in
  */kami.cli.$rid/*) ;;
  *) echo "error: $installed is not the RID-specific (NativeAOT) kami: $(readlink -f "$installed"); rerun without --no-build" >&2; exit 1 ;;
esac
portable_kami="$out/tool-portable/kami"
if [ "$portable" = 1 ] && { [ "$build" = 1 ] || [ ! -x "$portable_kami" ]; }; then
  echo "==> packing and installing the portable kami (install.sh's fallback)" >&2
  install_tool portable "$out/packages-portable" "$out/tool-portable"
fi

# A home with the two examples (installing compiles them into the compiled cache).
home="$(mktemp -d "${TMPDIR:-/tmp}/kami-session.XXXXXX")"
trap 'rm -rf "$home"' EXIT
"$installed" install "$root/examples/echo" --home "$home" --yes >/dev/null 2>&1
echo "==> installing examples/js-echo (compiles 12 MB of JavaScript engine; ~30 s)" >&2
"$installed" install "$root/examples/js-echo" --home "$home" --yes >/dev/null 2>&1
"$installed" install "$root/bench/tools/regex-extract" --home "$home" --yes >/dev/null 2>&1

# A home with 1,000 tools (made once, kept under artifacts/bench; installed without compiling ahead).
many="$out/home-1000"
if [ ! -f "$many/.complete" ]; then
  echo "==> installing 1,000 copies of the echo into $many (once)" >&2
  rm -rf "$many" "$out/packages-1000"
  mkdir -p "$many" "$out/packages-1000"
  for i in $(seq -w 1 1000); do
    p="$out/packages-1000/t$i"
    mkdir -p "$p"
    cp "$root/examples/echo/echo.wasm" "$p/"
    sed -e "s/dev.kami.echo/dev.bench.t$i/" -e "s/^name = \"echo\"/name = \"t$i\"/" "$root/examples/echo/tool.toml" > "$p/tool.toml"
  done
  ls -d "$out"/packages-1000/t* | KAMI_CACHE_MAX_MB=0 xargs -P 2 -I{} "$installed" install {} --home "$many" --yes >/dev/null
  touch "$many/.complete"
fi

# The plan: Node and kami alternate (node first in round 1, kami first in round 2) so drift in the machine's load
# lands on both. Names are what session-report.mjs looks up.
plan="$out/session-plan.json"
extra=()
[ "$portable" = 1 ] && extra=(--portable "$portable_kami")
node "$here/session-plan.mjs" --here "$here" --home "$home" --many "$many" --kami "$installed" "${extra[@]}" \
  --calls "$calls" --concurrent-calls "$concurrent_calls" --concurrency "$concurrency" > "$plan"
node "$here/session.mjs" --plan "$plan" --out "$out/session-results.json"

# `kami list` (the table) with 1,000 tools: median of 5 runs each, output to a pipe.
time_us() { local s e; s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
list_us() { for _ in 1 2 3 4 5; do time_us "$@"; done | sort -n | sed -n 3p; }
installed_list=$(list_us "$installed" list --home "$many")
portable_list=null
[ "$portable" = 1 ] && portable_list=$(list_us "$portable_kami" list --home "$many")
cat > "$out/session-extra.json" <<EOF
{"installedListUs": $installed_list, "portableListUs": $portable_list, "rid": "$rid", "benchSeconds": $(( $(date +%s) - started )),
 "built": $build, "status": $("$installed" status --home "$home" --json)}
EOF
node "$here/session-report.mjs" "$out/session-results.json" "$out/session-extra.json" "$report"
echo "wrote $report ($(( $(date +%s) - started )) s)"
