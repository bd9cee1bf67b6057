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
    public ToolId Id => Manifest.Id;

    /// <summary>Absolute path of the component, inside <see cref="InstallPath"/>.</summary>
    public string WasmFile => Path.Combine(InstallPath, Manifest.WasmPath);

    /// <summary>Ed25519 signature (hex) over the wasm bytes, when the package was signed; verified by the trust layer.</summary>
    public string? Signature { get; init; }

    public string? SignerPublicKey { get; init; }

    /// <summary>Pinned tools are left alone by <c>kami update</c>.</summary>
    public bool Pinned { get; init; }

    public Trust.ToolSignature? ToolSignature => Trust.ToolSignature.From(Signature, SignerPublicKey);
}
