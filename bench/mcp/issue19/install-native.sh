#!/usr/bin/env bash
# Packs and installs the NativeAOT kami from this tree into $1 (as bench/session.sh's install_tool native).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tooldir="$1"; packages="$tooldir.packages"
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
quiet=(-nologo -v quiet -clp:ErrorsOnly)
rm -rf "$packages" "$tooldir" "$tooldir.nuget"
dotnet pack "$root/src/Kami.Cli" -c Release -p:KamiToolRid="$rid" -o "$packages" "${quiet[@]}"
dotnet pack "$root/src/Kami.Cli" -c Release -r "$rid" -p:PublishAot=true -p:KamiToolRid="$rid" -o "$packages" "${quiet[@]}"
NUGET_PACKAGES="$tooldir.nuget" dotnet tool install Kami.Cli --tool-path "$tooldir" --add-source "$packages" --prerelease >/dev/null
rm -rf "$tooldir.nuget"
echo "installed $tooldir/kami"
