#!/usr/bin/env bash
# Installs the guest toolchain: clang/lld/wasi-libc from apt (C guests) and the
# pinned npm packages in guest/ (componentize for C, componentize-js for JS); also
# zlib1g-dev, which with clang links the NativeAOT kami (scripts/publish-aot.sh); and
# docker-registry, the OCI registry the oci:// install and publish tests run on loopback
# (scripts/oci-registry.sh; the tests start their own, never the system service); and postgresql, the
# PostgreSQL 15 server the fleet registry tests run privately (scripts/postgres.sh; never the system cluster).
# Idempotent: apt runs only when something is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

pkgs=(clang lld wasi-libc libclang-rt-dev-wasm32 zlib1g-dev docker-registry postgresql)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cd "$here"
# npm ci is cheap to skip when the lockfile hasn't changed since the last install.
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.kami-lock; then
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.kami-lock
fi
