#!/usr/bin/env bash
# Builds the kami .NET tool from this clone and installs it globally (`kami` on the PATH, like any .NET tool).
# It installs the NativeAOT kami for this machine (a .NET 10 RID-specific tool package: starts in tens of
# milliseconds); where the native build cannot be made (no clang or zlib headers, an unsupported platform) it
# falls back to the portable build, which runs on the .NET runtime. KAMI_INSTALL_PORTABLE=1 skips the native build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
packages="$root/artifacts/packages"
rm -rf "$packages"
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
quiet=(-nologo -v quiet -clp:ErrorsOnly)

native=0
if [ "${KAMI_INSTALL_PORTABLE:-0}" != 1 ] && [ -n "$rid" ]; then
  echo "==> building the NativeAOT kami for $rid (a few minutes the first time)"
  if dotnet pack src/Kami.Cli -c Release -p:KamiToolRid="$rid" -o "$packages" "${quiet[@]}" \
     && dotnet pack src/Kami.Cli -c Release -r "$rid" -p:PublishAot=true -p:KamiToolRid="$rid" -o "$packages" "${quiet[@]}"; then
    native=1
  else
    echo "warning: the NativeAOT build failed (it needs clang and zlib1g-dev); installing the portable kami instead" >&2
    rm -rf "$packages"
  fi
fi
if [ "$native" = 0 ]; then
  dotnet pack src/Kami.Cli -c Release -o "$packages" "${quiet[@]}"
fi
dotnet tool uninstall --global Kami.Cli >/dev/null 2>&1 || true
dotnet tool install --global Kami.Cli --add-source "$packages" --prerelease
[ "$native" = 1 ] && echo "installed: the NativeAOT kami for $rid" || echo "installed: the portable kami (runs on the .NET runtime)"
tools_dir="$HOME/.dotnet/tools"
case ":$PATH:" in
  *":$tools_dir:"*) echo "kami is installed: try 'kami status'" ;;
  *) echo "kami is installed in $tools_dir; add it to your PATH: export PATH=\"\$PATH:$tools_dir\"" ;;
esac
