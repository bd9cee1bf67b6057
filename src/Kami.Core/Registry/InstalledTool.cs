using Kami.Core.Tools;

namespace Kami.Core.Registry;

/// <summary>A tool as the registry records it: its manifest plus where and how it was installed.</summary>
public sealed record InstalledTool(
    ToolManifest Manifest,
    string WasmSha256,
    string InstallPath,
    bool Enabled,
    DateTimeOffset InstalledAt,
    string Source)
{
    /// <summary>The tool's id, from its manifest.</summary>
    public ToolId Id => Manifest.Id;

    /// <summary>Absolute path of the component, inside <see cref="InstallPath"/>.</summary>
    public string WasmFile => Path.Combine(InstallPath, Manifest.WasmPath);

    /// <summary>Ed25519 signature (hex) over the wasm bytes, when the package was signed. Recorded only: nothing verifies it yet (the trust issue adds that).</summary>
    public string? Signature { get; init; }

    /// <summary>Ed25519 public key (hex) the package says it was signed with, or null when unsigned. Recorded only, like <see cref="Signature"/>: not verified and not trusted.</summary>
    public string? SignerPublicKey { get; init; }
}
