#!/usr/bin/env bash
# Builds the kami .NET tool from this clone and installs it globally (`kami` on the PATH, like any .NET tool).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
packages="$root/artifacts/packages"
dotnet pack src/Kami.Cli -c Release -o "$packages" -nologo -v quiet -clp:ErrorsOnly
dotnet tool update --global Kami.Cli --add-source "$packages" --prerelease
tools_dir="$HOME/.dotnet/tools"
case ":$PATH:" in
  *":$tools_dir:"*) echo "kami is installed: try 'kami status'" ;;
  *) echo "kami is installed in $tools_dir; add it to your PATH: export PATH=\"\$PATH:$tools_dir\"" ;;
esac
