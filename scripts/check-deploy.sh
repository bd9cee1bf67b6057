#!/usr/bin/env bash
# Renders deploy/k8s (the base and every overlay) with `kubectl kustomize`, offline, and checks the result for the
# security and availability properties the deployment promises (scripts/check-deploy.mjs: non-root, read-only root
# filesystem, no capabilities, seccomp, probes, emptyDirs, Secrets, and the Service/HPA/PDB/NetworkPolicy wiring),
# then makes sure the check itself notices each property removed. Needs kubectl (1.32 on CI) and node.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for tool in kubectl node; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check-deploy.sh: '$tool' is not on the PATH; it is needed to render and check deploy/k8s." >&2
    echo "  Install kubectl 1.32 (https://kubernetes.io/docs/tasks/tools/; not Debian's older kubernetes-client, which clashes) and node." >&2
    exit 2
  fi
done
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
status=0
for dir in "$root/deploy/k8s/base" "$root"/deploy/k8s/overlays/*/; do
  dir="${dir%/}"; name="${dir#"$root"/}"
  if ! kubectl kustomize "$dir" >"$work/rendered.yaml" 2>"$work/err"; then
    echo "FAIL $name does not render:" >&2; cat "$work/err" >&2; status=1; continue
  fi
  # kubectl turns the YAML into JSON without a cluster (--local), so node needs no YAML parser.
  kubectl annotate --local -f "$work/rendered.yaml" kami.dev/checked=true -o json >"$work/rendered.json"
  if node "$root/scripts/check-deploy.mjs" "$work/rendered.json" 2>&1 | sed "s|$work/rendered.json|$name|"; then :; else status=1; fi
done
# The checks must be able to fail: each property removed from the base must be noticed.
kubectl kustomize "$root/deploy/k8s/base" >"$work/base.yaml"
kubectl annotate --local -f "$work/base.yaml" kami.dev/checked=true -o json >"$work/base.json"
node "$root/scripts/check-deploy.mjs" --self-test "$work/base.json" || status=1
exit $status
