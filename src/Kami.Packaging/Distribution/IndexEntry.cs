namespace Kami.Packaging.Distribution;

/// <summary>One package in a registry index, in the Rust KAMI's format (COMPAT.md).</summary>
public sealed record IndexEntry(
    string Id,
    string? Name,
    string Version,
    string? Description,
    string? Source,
    string DownloadUrl,
    string? WasmSha256,
    string? Signature,
    string? SignerPublicKey);
