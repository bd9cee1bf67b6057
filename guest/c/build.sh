#!/usr/bin/env bash
# Usage: guest/c/build.sh <tool.c> <out.wasm> [extra clang flags...]
# C source -> wasm32-wasi core module (reactor) -> KAMI component.
# Output is byte-for-byte reproducible: no debug info, and the source is compiled
# from its own directory by file name, so no absolute path reaches the binary.
# --stack-first puts the C shadow stack below the data: an overflow then traps
# (address wraps past 4 GiB) instead of silently overwriting globals.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if (($# < 2)); then
    echo "usage: $0 <tool.c> <out.wasm> [clang flags...]" >&2
    exit 2
fi
src="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
out_dir="$(mkdir -p "$(dirname "$2")" && cd "$(dirname "$2")" && pwd)"
out="$out_dir/$(basename "$2")"
shift 2

[[ -d "$here/../node_modules/@bytecodealliance/jco-transpile" ]] || {
    echo "guest toolchain missing: run guest/install-toolchain.sh" >&2
    exit 1
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$(dirname "$src")"
clang --target=wasm32-wasi --sysroot=/usr -mexec-model=reactor \
    -O2 -std=gnu11 -Wall -Wextra \
    -I "$here" \
    -ffile-prefix-map="$(dirname "$src")"=. -ffile-prefix-map="$here"=kami \
    -Wl,--strip-debug -Wl,--stack-first \
    "$@" \
    -o "$tmp/core.wasm" "$(basename "$src")"
node "$here/componentize.mjs" "$tmp/core.wasm" "$out"
