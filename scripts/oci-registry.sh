#!/usr/bin/env bash
# Runs an OCI registry (Debian's docker-registry, the distribution project's) on this machine for trying
# `kami publish` and `kami install oci://…` by hand, in the foreground until Ctrl-C; never the system service.
#   scripts/oci-registry.sh [PORT]          default 5000; storage in a fresh temp directory, removed on exit
#   KAMI_OCI_REGISTRY_DIR=dir scripts/oci-registry.sh   keep the storage in dir instead
# Then, from another shell:
#   kami keygen && kami sign examples/echo --write
#   kami publish examples/echo oci://127.0.0.1:5000/kami/echo:1.0.0
#   kami install oci://127.0.0.1:5000/kami/echo:1.0.0
set -euo pipefail
command -v docker-registry >/dev/null || { echo "error: docker-registry is not installed; run guest/install-toolchain.sh (it installs the Debian package)"; exit 1; }
port="${1:-5000}"
storage="${KAMI_OCI_REGISTRY_DIR:-}"
if [[ -z "$storage" ]]; then
    storage="$(mktemp -d -t kami-oci-registry.XXXXXX)"
    trap 'rm -rf "$storage"' EXIT
fi
config="$(mktemp -t kami-oci-registry.XXXXXX.yml)"
trap 'rm -f "$config"; [[ -n "${KAMI_OCI_REGISTRY_DIR:-}" ]] || rm -rf "$storage"' EXIT
cat >"$config" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $storage
http:
  addr: 127.0.0.1:$port
  secret: $(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
YAML
echo "OCI registry on http://127.0.0.1:$port (storage $storage); Ctrl-C stops it"
docker-registry serve "$config"
