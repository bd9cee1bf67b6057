#!/usr/bin/env bash
# Publishes the NativeAOT kami (starts in tens of milliseconds) to artifacts/aot/<rid>/, with libwasmtime.so, guest/
# and wit/ beside it. It is `dotnet publish src/Kami.Cli -c Release` (the project makes publish NativeAOT for the
# SDK's RID) with a fixed output directory; a RID argument (linux-arm64, …) publishes for that RID instead.
# The native link needs clang and zlib headers (apt-get install clang zlib1g-dev; guest/install-toolchain.sh installs
# both). Without them, `dotnet publish src/Kami.Cli -c Release -p:PublishAot=false` gives the portable build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid_args=()
if [ -n "${1:-}" ]; then rid="$1"; rid_args=(-r "$rid"); else rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"; fi
out="$root/artifacts/aot/$rid"
dotnet publish "$root/src/Kami.Cli" -c Release "${rid_args[@]}" -o "$out" -nologo
echo "kami (NativeAOT) is in $out/ with libwasmtime.so beside it"
