namespace Kami.Core.Trust;

/// <summary>
/// A tool's signatures and the key that made them, all lowercase hex (docs/compatibility.md: a 64-byte signature, 128 hex;
/// a 32-byte public key, 64 hex). <see cref="Signature"/> is over the raw .wasm bytes, as the Rust KAMI signs;
/// <see cref="ManifestSignature"/>, when present, is KAMI's signature over the manifest statement
/// (<see cref="ManifestStatement"/>) by the same key, which also covers what the tool may do.
/// </summary>
public sealed record ToolSignature(string Signature, string SignerPublicKey)
{
    /// <summary>The Ed25519 signature (hex) of <see cref="ManifestStatement.SignedMessage(Tools.ToolManifest, string)"/>, or null for a code-only signature.</summary>
    public string? ManifestSignature { get; init; }

    /// <summary>What the signature vouches for.</summary>
    public SignatureScope Scope => ManifestSignature is null ? SignatureScope.CodeOnly : SignatureScope.CodeAndManifest;

    /// <summary>The pair, or null when either part is missing (an unsigned tool).</summary>
    public static ToolSignature? From(string? signature, string? signerPublicKey, string? manifestSignature = null) =>
        string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(signerPublicKey)
            ? null
            : new ToolSignature(signature, signerPublicKey) { ManifestSignature = string.IsNullOrEmpty(manifestSignature) ? null : manifestSignature };

    /// <summary>The first 16 hex of the key: enough to tell signers apart in a message.</summary>
    public string ShortSigner => SignerPublicKey.Length > 16 ? SignerPublicKey[..16] + "…" : SignerPublicKey;
}
