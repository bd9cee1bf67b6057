#!/usr/bin/env bash
# Builds the kami server image (deploy/Dockerfile) with docker or podman: `deploy/build-image.sh [TAG]`
# (default kami:<version>). KAMI_CONTAINER_ENGINE=podman picks the engine; without one that answers, it says so and
# fails. Print the image's size and its user afterwards so a reviewer sees it is small and non-root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)"
tag="${1:-kami:${version:-dev}}"

engine="${KAMI_CONTAINER_ENGINE:-}"
if [ -z "$engine" ]; then
  for candidate in docker podman; do
    if command -v "$candidate" >/dev/null 2>&1; then engine="$candidate"; break; fi
  done
fi
if [ -z "$engine" ] || ! command -v "$engine" >/dev/null 2>&1; then
  echo "build-image.sh: no container engine found (looked for ${KAMI_CONTAINER_ENGINE:-docker and podman} on the PATH)." >&2
  echo "  Install Docker or Podman, or set KAMI_CONTAINER_ENGINE to one; the image cannot be built without one." >&2
  exit 2
fi
if ! "$engine" info >/dev/null 2>&1; then
  echo "build-image.sh: '$engine' is installed but does not answer ('$engine info' failed): is its daemon running," >&2
  echo "  and may this user use it? Start it (e.g. sudo systemctl start docker) or use podman (KAMI_CONTAINER_ENGINE=podman)." >&2
  exit 2
fi

echo "building $tag with $engine from $root"
"$engine" build -f "$root/deploy/Dockerfile" -t "$tag" "$root"
"$engine" image inspect "$tag" --format 'image {{.Id}}: user {{.Config.User}}, {{.Size}} bytes'
echo "run it: $engine run --read-only --tmpfs /tmp --tmpfs /var/lib/kami:uid=1654,gid=1654 -e KAMI_TOKEN_FILE=/run/secrets/kami-token -v \$PWD/token:/run/secrets/kami-token:ro -p 8931:8931 $tag"
