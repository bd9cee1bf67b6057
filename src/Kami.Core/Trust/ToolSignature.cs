namespace Kami.Core.Trust;

/// <summary>
/// An Ed25519 signature over a component's raw .wasm bytes and the key that made it, both lowercase hex
/// (COMPAT.md: a 64-byte signature, 128 hex; a 32-byte public key, 64 hex).
/// </summary>
public sealed record ToolSignature(string Signature, string SignerPublicKey)
{
    /// <summary>The pair, or null when either part is missing (an unsigned tool).</summary>
    public static ToolSignature? From(string? signature, string? signerPublicKey) =>
        string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(signerPublicKey) ? null : new ToolSignature(signature, signerPublicKey);

    /// <summary>The first 16 hex of the key: enough to tell signers apart in a message.</summary>
    public string ShortSigner => SignerPublicKey.Length > 16 ? SignerPublicKey[..16] + "…" : SignerPublicKey;
}
