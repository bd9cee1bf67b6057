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

    /// <summary>Ed25519 signature (hex) over the wasm bytes, when the package was signed; verified at install and, under require_signature or whenever recorded, at load.</summary>
    public string? Signature { get; init; }

    /// <summary>Ed25519 public key (hex) the package was signed with, or null when unsigned; trusted only if it is in <c>kami trust list</c>.</summary>
    public string? SignerPublicKey { get; init; }

    /// <summary>KAMI's Ed25519 signature (hex) over the manifest statement, by the same signer, when the package had one; verified at install and at load.</summary>
    public string? ManifestSignature { get; init; }

    /// <summary>Pinned tools are left alone by <c>kami update</c>.</summary>
    public bool Pinned { get; init; }

    /// <summary>The recorded signature and signer as one value, or null when the tool is unsigned.</summary>
    public Trust.ToolSignature? ToolSignature => Trust.ToolSignature.From(Signature, SignerPublicKey, ManifestSignature);
}
