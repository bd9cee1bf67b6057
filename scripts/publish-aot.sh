#!/usr/bin/env bash
# Publishes kami as a NativeAOT binary (starts in tens of milliseconds) to artifacts/aot/.
# Needs clang and zlib headers for the native link (apt-get install clang zlib1g-dev).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid="${1:-linux-x64}"
dotnet publish "$root/src/Kami.Cli" -c Release -r "$rid" -p:PublishAot=true -o "$root/artifacts/aot/$rid" -nologo
echo "kami (NativeAOT) is in $root/artifacts/aot/$rid/ with libwasmtime.so beside it"
