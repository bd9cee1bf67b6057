#!/usr/bin/env bash
# The README's second command: run every test. Needs the .NET SDK, and for the tool-author tests (kami
# build of the templates and examples) Node.js 20+ with npm and clang/wasi-libc: guest/install-toolchain.sh
# installs what is missing (apt only then; npm ci only when the lockfile changed).
# Prints the totals on the last line: "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
guest/install-toolchain.sh || { echo "the guest toolchain could not be installed (see above): the tool-author tests will fail"; }
log="$root/artifacts/test-output.log"
mkdir -p "$root/artifacts"
dotnet test Kami.slnx -c Release --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    80, Skipped: ..."
passed=0; failed=0
while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped.*/\1 \2/p' "$log")
# A build failure produces no results: count it as a failure so it cannot look green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit $status
