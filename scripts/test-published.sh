#!/usr/bin/env bash
# The tests that start kami as a process (tests/Kami.EndToEnd.Tests: serve over stdio and HTTP, dev, init,
# build, test, run, install) against the published NativeAOT kami instead of `dotnet kami.dll`, so what users install
# is what is tested; a test failing only here is an AOT bug (trimming, reflection). Publishes it first
# (scripts/publish-aot.sh, after guest/install-toolchain.sh, which installs clang and zlib1g-dev for the native link);
# --no-publish reuses artifacts/aot/<rid>/kami. Other arguments go to dotnet test. Last line: "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
publish=1
if [ "${1:-}" = --no-publish ]; then publish=0; shift; fi
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
binary="$root/artifacts/aot/$rid/kami"
fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

guest/install-toolchain.sh || echo "the guest toolchain could not be installed (see above): the publish or the tool-author tests will fail"
if [ "$publish" = 1 ]; then
  echo "==> publishing the NativeAOT kami for $rid"
  scripts/publish-aot.sh || fail "the NativeAOT kami could not be published (see above; the link needs clang and zlib1g-dev)"
fi
[ -x "$binary" ] || fail "no published kami at $binary: run scripts/test-published.sh without --no-publish"

log="$root/artifacts/test-published-output.log"
echo "==> the process-level tests against $binary"
KAMI_TEST_BINARY="$binary" dotnet test tests/Kami.EndToEnd.Tests -c Release \
  --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=0; failed=0
while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped.*/\1 \2/p' "$log")
# A build failure or a test host crash produces no results: count it as a failure so it cannot look green.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
