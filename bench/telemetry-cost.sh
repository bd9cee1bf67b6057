#!/usr/bin/env bash
# Per-call cost of telemetry: bench/Kami.Bench.Telemetry in one process per mode (off, prometheus, otlp), the modes
# alternating for ROUNDS rounds (default 5) so that a busy machine slows them alike; prints the median of each.
# Columns: µs per tools/call over loopback HTTP (stateless, an executor that answers at once), ns per call of the
# span and metrics alone. `bench/telemetry-cost.sh [ROUNDS] [CALLS]`
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"; calls="${2:-2000}"
dotnet build "$root/bench/Kami.Bench.Telemetry" -c Release -nologo -v quiet >/dev/null
dll="$root/artifacts/bin/Kami.Bench.Telemetry/release/Kami.Bench.Telemetry.dll"
results="$(mktemp)"; trap 'rm -f "$results"' EXIT
for ((round = 1; round <= rounds; round++)); do
  for mode in off prometheus otlp; do
    env -u OTEL_EXPORTER_OTLP_ENDPOINT dotnet "$dll" --mode "$mode" --calls "$calls" >>"$results"
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '%-11s %16s %22s\n' mode "µs/call (HTTP)" "ns/call (span+metrics)"
for mode in off prometheus otlp; do
  http=$(awk -v m="$mode" '$1 == m { print $2 }' "$results" | median)
  inst=$(awk -v m="$mode" '$1 == m { print $3 }' "$results" | median)
  printf '%-11s %16s %22s\n' "$mode" "$http" "$inst"
done
