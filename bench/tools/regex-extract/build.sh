#!/usr/bin/env bash
# Rebuilds regex-extract.wasm: unicode_tables.h from gen_tables.py (Python's unicodedata), then guest/c/build.sh
# (clang → wasm32-wasi reactor → component). Reproducible for the same clang, wasi-libc and Python Unicode version.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python3 "$here/gen_tables.py" > "$here/unicode_tables.h"
"$here/../../../guest/c/build.sh" "$here/regex_extract.c" "$here/regex-extract.wasm" -Werror
rm -f "$here/unicode_tables.h"
ls -l "$here/regex-extract.wasm"
