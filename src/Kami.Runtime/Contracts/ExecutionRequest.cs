using Kami.Core.Hosting;
using Kami.Core.Registry;
using Kami.Core.Security;

namespace Kami.Runtime.Contracts;

/// <summary>
/// One call of a tool. <see cref="ExpectedSha256"/> pins the component to the bytes approved at install
/// (null only in dev mode, <c>kami run</c>); <see cref="DataDirectory"/> is what read-only/sandbox file access sees.
/// </summary>
public sealed record ExecutionRequest(string ToolId, string WasmFile, SecurityPolicy Policy, string Input)
{
    /// <summary>Lowercase hex SHA-256 the component must match, or null to run whatever the file holds (dev mode only).</summary>
    public string? ExpectedSha256 { get; init; }
    /// <summary>The host directory the tool sees when its policy grants file access; null gives it no files whatever the policy says.</summary>
    public string? DataDirectory { get; init; }
    /// <summary>Where the guest's log messages go as they happen; null drops them.</summary>
    public IGuestLogSink? LogSink { get; init; }
    /// <summary>Where the guest's progress reports go (the client asked for progress); null drops them.</summary>
    public IProgressSink? ProgressSink { get; init; }
    /// <summary>The round's answers and what the guest asks for (kami:mcp/input); null: the guest's requests are refused as unsupported.</summary>
    public InputSession? InputSession { get; init; }

    /// <summary>The installed tool's recorded signature, checked at load against <see cref="RuntimeOptions.Signatures"/>.</summary>
    public Kami.Core.Trust.ToolSignature? Signature { get; init; }

    /// <summary>The installed tool's recorded manifest, which its manifest signature (if any) must cover; <see cref="Policy"/> is its security table.</summary>
    public Kami.Core.Tools.ToolManifest? Manifest { get; init; }

    /// <summary>The one mapping from an installed tool to a call of it: its recorded policy, its pin, its data directory.</summary>
    public static ExecutionRequest For(InstalledTool tool, string input, KamiPaths paths, IGuestLogSink? logSink) =>
        new(tool.Id.Value, tool.WasmFile, tool.Manifest.Security, input)
        {
            ExpectedSha256 = tool.WasmSha256,
            Signature = tool.ToolSignature,
            Manifest = tool.Manifest,
            DataDirectory = paths.DataDirectory(tool.Id),
            LogSink = logSink,
        };
}
