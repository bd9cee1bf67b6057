#!/usr/bin/env bash
# The README's first command: build KAMI, install the example echo tool (C, sandboxed) into a demo home,
# then start `kami serve` from a real MCP client (the official C# SDK) and call the tool through MCP.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (https://dot.net)"; exit 1; }

echo "==> building kami (Release)"
dotnet build src/Kami.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build samples/Kami.Demo -c Release -nologo -v quiet -clp:ErrorsOnly

home="${KAMI_DEMO_HOME:-$root/artifacts/demo-home}"
kami=(dotnet "$root/artifacts/bin/Kami.Cli/release/kami.dll" --home "$home")

echo "==> installing examples/echo into $home"
"${kami[@]}" install examples/echo --force
"${kami[@]}" list

echo "==> an MCP client starts 'kami serve' (stdio) and calls the tool"
dotnet "$root/artifacts/bin/Kami.Demo/release/Kami.Demo.dll" "${kami[@]}" -- dev.kami.echo '{"text":"Hello from an MCP client"}'
