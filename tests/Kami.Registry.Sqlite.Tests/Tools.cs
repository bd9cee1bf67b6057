using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Core.Tools;

namespace Kami.Registry.Sqlite.Tests;

/// <summary>Builds InstalledTool records without touching the file system.</summary>
internal static class Tools
{
    public static InstalledTool Make(string id, string version = "1.0.0", string description = "A tool", string? name = null, bool enabled = true)
    {
        var manifest = new ToolManifest(ToolId.Parse(id), name ?? id[(id.LastIndexOf('.') + 1)..], ToolVersion.Parse(version), "tool.wasm", description,
            [new ToolArgument("text", ArgumentType.String, "Some text", true), new ToolArgument("n", ArgumentType.Integer, "", false)],
            new SecurityPolicy
            {
                NetAllowList = ["api.github.com", "*.example.com"],
                FsAccess = FsAccess.ReadOnly,
                EnvAllowList = ["API_KEY"],
                MaxMemoryMb = 32,
                MaxExecutionMs = 1234,
                MaxFuel = 99_000_000,
            }) { AllowsAdditionalArguments = true };
        return new InstalledTool(manifest, new string('a', 64), "/kami/tools/" + id + "/" + version + "/aaaaaaaaaaaaaaaa", enabled,
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "/src/" + id);
    }
}
