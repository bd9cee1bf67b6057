#!/usr/bin/env bash
# Runs the KAMI-vs-raw-Wasmtime runtime benchmark (Release) and prints where the results table went.
# Extra arguments go to BenchmarkDotNet (default: --filter '*').
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="$root/artifacts/benchmarks/runtime"
if [ "$#" -eq 0 ]; then set -- --filter '*'; fi
dotnet run -c Release --project bench/Kami.Bench.Runtime -- --artifacts "$artifacts" "$@"
echo
echo "Results tables:"
ls -1 "$artifacts"/results/*-report-github.md 2>/dev/null || echo "  (none found under $artifacts/results)"
