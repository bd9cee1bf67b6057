#!/usr/bin/env bash
# The first call of a tool on a fleet replica (issue 20's speed section): a replica whose disk is empty (the component
# comes from PostgreSQL: fetched, hashed, written, then compiled) against one that already has the package on disk;
# the compiled cache is cold in both, so both compile. The tool is the largest real one in the repository,
# examples/js-echo (12 MB of JavaScript in a component). Each measurement is a fresh `kami serve --http --stateless`
# process: the TypeScript SDK client connects, lists, and times its first tools/call (scripts/fleet/driver.mjs first-call).
#   bench/fleet-first-call.sh [ROUNDS]     (default 3; the two cases alternate; prints each and the medians)
# Needs what scripts/fleet-test.sh installs (run it once, or let this install the SDK); kami as in that script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds="${1:-3}"
cache="$root/.cache/fleet"
package="$root/examples/js-echo"
tool="dev.kami.js-echo"
[[ -f "$cache/node_modules/@modelcontextprotocol/sdk/package.json" ]] ||
  { mkdir -p "$cache"; npm install --prefix "$cache" --no-audit --no-fund --loglevel=error "@modelcontextprotocol/sdk@1.32.2" >&2; }
if [[ -n "${KAMI_FLEET_BINARY:-${KAMI_TEST_BINARY:-}}" ]]; then
  kami=("${KAMI_FLEET_BINARY:-$KAMI_TEST_BINARY}")
else
  dotnet build src/Kami.Cli/Kami.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  kami=(dotnet "$root/artifacts/bin/Kami.Cli/release/kami.dll")
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kami-first-call.XXXXXX")"
pg_dir="$(mktemp -d -u "${TMPDIR:-/tmp}/kami-first-call-pg.XXXXXX")"
server=""
cleanup() {
  [[ -n "$server" ]] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; }
  "$root/scripts/postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
db="$(KAMI_POSTGRES_OWNER_PID=$$ "$root/scripts/postgres.sh" start "$pg_dir" 2>/dev/null | tail -n 1)"
export KAMI_FLEET_TOKEN="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
(umask 077 && printf '%s' "$KAMI_FLEET_TOKEN" > "$work/token")
KAMI_DB="$db" "${kami[@]}" install "$package" --yes --home "$work/admin" >/dev/null

# One fresh server on HOME; prints the first call's milliseconds.
first_call() {
  local home="$1" port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
  KAMI_DB="$db" KAMI_LOG_LEVEL=warn "${kami[@]}" serve --http "127.0.0.1:$port" --stateless --token-file "$work/token" --home "$home" \
    >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  KAMI_FLEET_NODE_MODULES="$cache/node_modules" node "$root/scripts/fleet/driver.mjs" first-call "http://127.0.0.1:$port/mcp" "$tool"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

empty=() on_disk=()
for round in $(seq "$rounds"); do
  rm -rf "$work/empty" "$work/disk"
  empty+=("$(first_call "$work/empty")")
  # The package on disk, the compiled cache cold: a replica that ran the tool before (fetching it), cache cleared.
  first_call "$work/disk" >/dev/null
  KAMI_DB="$db" "${kami[@]}" cache clear --home "$work/disk" >/dev/null
  on_disk+=("$(first_call "$work/disk")")
  echo "round $round: empty disk ${empty[-1]} ms, package on disk ${on_disk[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
e="$(median "${empty[@]}")" d="$(median "${on_disk[@]}")"
echo "median first call of $tool (cache cold): empty disk $e ms, package on disk $d ms, ratio $(awk -v e="$e" -v d="$d" 'BEGIN { printf "%.2f", e / d }')x (target <= 1.5x)"
