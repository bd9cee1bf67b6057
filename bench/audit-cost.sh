#!/usr/bin/env bash
# Per-call cost of the durable audit: bench/Kami.Bench.Audit in one process per (store, mode, clients), alternating
# for ROUNDS rounds (default 3) so that a busy machine slows them alike; prints the median of each.
# Modes: none (no audit log), queued (the old writer: the call never waits, a killed process loses the queue),
# durable (the call waits for its record's group commit). Stores: SQLite (WAL, synchronous=NORMAL, a fresh file) and
# PostgreSQL (a private cluster from scripts/postgres.sh, restarted with fsync on, the server's default).
# `bench/audit-cost.sh [ROUNDS] [CALLS]`
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"; calls="${2:-2000}"
dotnet build "$root/bench/Kami.Bench.Audit" -c Release -nologo -v quiet >/dev/null
dll="$root/artifacts/bin/Kami.Bench.Audit/release/Kami.Bench.Audit.dll"
results="$(mktemp)"; pgdir="$(mktemp -d -t kami-bench-pg.XXXXXX)"
trap 'rm -f "$results"; "$root/scripts/postgres.sh" stop "$pgdir"' EXIT
uri="$("$root/scripts/postgres.sh" start "$pgdir" 2>/dev/null | tail -n 1)"
port="${uri##*:}"; port="${port%%/*}"
# The test cluster runs with fsync=off; a benchmark of commits must not.
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
as_owner() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_owner "$bin/pg_ctl" -D "$pgdir/data" -w -m fast stop >/dev/null
as_owner "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c max_connections=200" start >/dev/null
for ((round = 1; round <= rounds; round++)); do
  for clients in 1 16; do
    for store in sqlite postgres; do
      for mode in none queued durable; do
        dotnet "$dll" --store "$store" --mode "$mode" --calls "$calls" --clients "$clients" --db "$uri" >>"$results"
      done
    done
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '%-9s %-8s %7s %10s %10s %10s\n' store mode clients "p50 µs" "p99 µs" "calls/s"
for clients in 1 16; do
  for store in sqlite postgres; do
    for mode in none queued durable; do
      pick() { awk -v s="$store" -v m="$mode" -v c="$clients" -v f="$1" '$1 == s && $2 == m && $3 == c { print $f }' "$results" | median; }
      printf '%-9s %-8s %7s %10s %10s %10s\n' "$store" "$mode" "$clients" "$(pick 4)" "$(pick 5)" "$(pick 6)"
    done
  done
done
