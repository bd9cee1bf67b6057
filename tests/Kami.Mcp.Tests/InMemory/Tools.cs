using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Core.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Registry rows for the in-memory tests; no component behind them (a fake executor answers).</summary>
internal static class Tools
{
    public static InstalledTool Tool(string id, params ToolArgument[] arguments) => Tool(id, SecurityPolicy.DenyAll, arguments);

    public static InstalledTool Tool(string id, SecurityPolicy policy, params ToolArgument[] arguments) =>
        new(new ToolManifest(ToolId.Parse(id), id.Split('.')[^1], ToolVersion.Parse("1.0.0"), "tool.wasm", $"test tool {id}", arguments, policy),
            new string('0', 64), "/nonexistent/" + id, Enabled: true, DateTimeOffset.UnixEpoch, "test");

    public static ToolArgument Text(string name = "text") => new(name, ArgumentType.String, "some text", Required: true);
}
