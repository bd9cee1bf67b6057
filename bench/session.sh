#!/usr/bin/env bash
# What an agent session feels, kami beside a plain Node MCP server (TypeScript SDK, same echo, no sandbox), in one
# run, and writes docs/performance.md. Each scenario is a fresh process: spawn -> tools listed, the first call of a
# tool (the C echo, and the 12 MB JavaScript examples/js-echo, with the compiled cache cold and warm), then the next
# calls (p50/p99 of the first 500 and of all, server CPU per call, RSS listed -> after 500 -> end), tools/list and
# `kami list` with 1,000 installed tools. kami runs as NativeAOT (scripts/publish-aot.sh) and as scripts/install.sh
# installs it (the packed .NET tool, here into a private --tool-path so the machine's global tools are untouched).
#
#   bench/session.sh                 # build everything, run (a few minutes), write docs/performance.md
#   bench/session.sh --no-build      # reuse artifacts/aot and artifacts/bench/tool from the last run
#   bench/session.sh --calls 3000    # calls per steady-state scenario (default 10000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/bench/mcp"
build=1
calls=10000
while [ "$#" -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --calls) calls="${2:?--calls needs a number}"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$root/artifacts/bench"
mkdir -p "$out"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

aot="$root/artifacts/aot/linux-x64/kami"
tooldir="$out/tool"
if [ "$build" = 1 ] || [ ! -x "$aot" ]; then "$root/scripts/publish-aot.sh" >/dev/null; fi
if [ "$build" = 1 ] || [ ! -x "$tooldir/kami" ]; then
  # What scripts/install.sh does, into a private tool path.
  rm -rf "$tooldir" "$out/packages"
  dotnet pack "$root/src/Kami.Cli" -c Release -o "$out/packages" -nologo -v quiet -clp:ErrorsOnly
  dotnet tool install Kami.Cli --tool-path "$tooldir" --add-source "$out/packages" --prerelease >/dev/null
fi
installed="$tooldir/kami"

# A home with the two examples (installing compiles them into the compiled cache).
home="$(mktemp -d "${TMPDIR:-/tmp}/kami-session.XXXXXX")"
trap 'rm -rf "$home"' EXIT
"$aot" install "$root/examples/echo" --home "$home" --yes >/dev/null 2>&1
"$aot" install "$root/examples/js-echo" --home "$home" --yes >/dev/null 2>&1

# A home with 1,000 tools (made once, kept under artifacts/bench; installed without compiling ahead).
many="$out/home-1000"
if [ ! -f "$many/.complete" ]; then
  rm -rf "$many" "$out/packages-1000"
  mkdir -p "$many" "$out/packages-1000"
  for i in $(seq -w 1 1000); do
    p="$out/packages-1000/t$i"
    mkdir -p "$p"
    cp "$root/examples/echo/echo.wasm" "$p/"
    sed -e "s/dev.kami.echo/dev.bench.t$i/" -e "s/^name = \"echo\"/name = \"t$i\"/" "$root/examples/echo/tool.toml" > "$p/tool.toml"
  done
  ls -d "$out"/packages-1000/t* | KAMI_CACHE_MAX_MB=0 xargs -P 2 -I{} "$aot" install {} --home "$many" --yes >/dev/null
  touch "$many/.complete"
fi

text='{"text":"hello"}'
plan="$out/session-plan.json"
cat > "$plan" <<EOF
[
  {"name": "node", "command": "node", "args": ["$here/node-echo-server.mjs"], "tool": "echo", "arguments": $text, "calls": $calls},
  {"name": "kami-aot", "command": "$aot", "args": ["serve", "--home", "$home"], "tool": "dev.kami.echo", "arguments": $text, "calls": $calls},
  {"name": "kami-installed", "command": "$installed", "args": ["serve", "--home", "$home"], "tool": "dev.kami.echo", "arguments": $text, "calls": $calls},
  {"name": "kami-aot", "command": "$aot", "args": ["serve", "--home", "$home"], "tool": "dev.kami.echo", "arguments": $text, "calls": $calls},
  {"name": "node", "command": "node", "args": ["$here/node-echo-server.mjs"], "tool": "echo", "arguments": $text, "calls": $calls},
  {"name": "kami-installed", "command": "$installed", "args": ["serve", "--home", "$home"], "tool": "dev.kami.echo", "arguments": $text, "calls": $calls},
  {"name": "kami-aot js warm", "command": "$aot", "args": ["serve", "--home", "$home"], "tool": "dev.kami.js-echo", "arguments": $text, "calls": 200},
  {"name": "kami-installed js warm", "command": "$installed", "args": ["serve", "--home", "$home"], "tool": "dev.kami.js-echo", "arguments": $text, "calls": 1},
  {"name": "kami-aot 1000 tools", "command": "$aot", "args": ["serve", "--home", "$many"], "tool": "dev.bench.t0001", "arguments": $text, "calls": 1, "listRepeats": 20},
  {"name": "kami-aot echo cold", "command": "$aot", "args": ["serve", "--home", "$home"], "tool": "dev.kami.echo", "arguments": $text, "calls": 1, "clearCache": "$home/cache"},
  {"name": "kami-aot js cold", "command": "$aot", "args": ["serve", "--home", "$home"], "tool": "dev.kami.js-echo", "arguments": $text, "calls": 1, "clearCache": "$home/cache"}
]
EOF
node "$here/session.mjs" --plan "$plan" --out "$out/session-results.json"

# `kami list` (the table) with 1,000 tools: median of 5 runs each, output to a pipe.
time_ms() { local s e; s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000 )); }
list_us() { for _ in 1 2 3 4 5; do time_ms "$@"; done | sort -n | sed -n 3p; }
aot_list=$(list_us "$aot" list --home "$many")
installed_list=$(list_us "$installed" list --home "$many")
cat > "$out/session-list.json" <<EOF
{"aotListUs": $aot_list, "installedListUs": $installed_list}
EOF
node "$here/session-report.mjs" "$out/session-results.json" "$out/session-list.json" "$root/docs/performance.md"
echo "wrote $root/docs/performance.md"
