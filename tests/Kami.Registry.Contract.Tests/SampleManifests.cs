using Kami.Core.Security;
using Kami.Core.Tools;

namespace Kami.Registry.Contract.Tests;

/// <summary>A manifest with every field set away from its default, so a registry test sees each one round-trip (Kami.Registry.Sqlite.Tests compiles this file too).</summary>
internal static class SampleManifests
{
    public static ToolManifest Full(string id, string version = "1.0.0", string description = "A tool", string? name = null) =>
        new(ToolId.Parse(id), name ?? id[(id.LastIndexOf('.') + 1)..], ToolVersion.Parse(version), "tool.wasm", description,
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
}
