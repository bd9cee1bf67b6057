namespace Kami.Packaging.Distribution;

/// <summary>
/// One package in a registry index, in the Rust KAMI's format (docs/compatibility.md), plus KAMI's optional
/// <see cref="ManifestSignature"/> and <see cref="ManifestSha256"/> (the manifest digest the package must have).
/// </summary>
public sealed record IndexEntry(
    string Id,
    string? Name,
    string Version,
    string? Description,
    string? Source,
    string DownloadUrl,
    string? WasmSha256,
    string? Signature,
    string? SignerPublicKey)
{
    /// <summary>KAMI's signature over the manifest statement, by <see cref="SignerPublicKey"/>; null in Rust KAMI indexes.</summary>
    public string? ManifestSignature { get; init; }

    /// <summary>The manifest digest (<see cref="Kami.Core.Trust.ManifestStatement.Digest"/>) the package must have; null pins nothing beyond the .wasm.</summary>
    public string? ManifestSha256 { get; init; }
}
