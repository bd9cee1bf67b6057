#!/usr/bin/env bash
# Usage: install-native.sh <tree> <tool-dir>
# Packs the NativeAOT kami from a source tree (e.g. `git archive <commit> | tar -x -C <tree>`) and installs it into
# <tool-dir>, as bench/session.sh's install_tool native (and scripts/install.sh) do.
set -euo pipefail
root="$(cd "$1" && pwd)"
tooldir="$2"; packages="$tooldir.packages"
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
quiet=(-nologo -v quiet -clp:ErrorsOnly)
rm -rf "$packages" "$tooldir" "$tooldir.nuget"
dotnet pack "$root/src/Kami.Cli" -c Release -p:KamiToolRid="$rid" -o "$packages" "${quiet[@]}"
dotnet pack "$root/src/Kami.Cli" -c Release -r "$rid" -p:PublishAot=true -p:KamiToolRid="$rid" -o "$packages" "${quiet[@]}"
NUGET_PACKAGES="$tooldir.nuget" dotnet tool install Kami.Cli --tool-path "$tooldir" --add-source "$packages" --prerelease >/dev/null
rm -rf "$tooldir.nuget"
echo "installed $tooldir/kami"
