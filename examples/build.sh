#!/usr/bin/env bash
# Usage: examples/build.sh [--skip-js]
# Rebuilds every example: examples/<name>/ holds tool.toml, whose `wasm` key names the
# output, and one source — a .c file (guest/c/build.sh) or a .js/.ts file (guest/js/build.mjs).
# `kami build <dir>` does the same for one package and checks the result as the loader will.
# C builds are byte-for-byte reproducible; componentize-js builds are not (the
# snapshotted JS heap differs run to run), so a rebuild always changes the JS .wasm —
# use --skip-js to leave it alone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
guest="$(cd "$here/../guest" && pwd)"
skip_js=0
[[ "${1:-}" == "--skip-js" ]] && skip_js=1

shopt -s nullglob
for dir in "$here"/*/ "$here"/conformance/*/; do
    dir="${dir%/}"
    [[ -f "$dir/tool.toml" ]] || continue
    wasm="$(sed -n 's/^wasm[[:space:]]*=[[:space:]]*"\(.*\)"[[:space:]]*$/\1/p' "$dir/tool.toml" | head -n1)"
    [[ -n "$wasm" ]] || { echo "no wasm = \"...\" in $dir/tool.toml" >&2; exit 1; }
    c_src=("$dir"/*.c)
    js_src=("$dir"/*.js "$dir"/*.ts)
    if ((${#c_src[@]} == 1)); then
        echo "build $(basename "$dir")/$wasm (C)"
        "$guest/c/build.sh" "${c_src[0]}" "$dir/$wasm" -Werror
    elif ((${#js_src[@]} == 1)); then
        if ((skip_js)); then
            echo "skip  $(basename "$dir")/$wasm (JS)"
            continue
        fi
        echo "build $(basename "$dir")/$wasm (JS)"
        node "$guest/js/build.mjs" "${js_src[0]}" "$dir/$wasm"
    else
        echo "expected exactly one .c or .js source in $dir" >&2
        exit 1
    fi
done
