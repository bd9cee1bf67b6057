using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Core.Trust;
using NSec.Cryptography;

namespace Kami.Packaging.Trust;

/// <summary>
/// Ed25519 as the Rust KAMI uses it (docs/compatibility.md): signatures over the raw .wasm bytes, raw keys and signatures
/// as lowercase hex. NSec (libsodium underneath) does the cryptography; it verifies strictly (RFC 8032), in constant time.
/// </summary>
public sealed class Ed25519Signatures : ISignatureVerifier
{
    /// <summary>A raw 32-byte secret key, as hex.</summary>
    public const int SecretKeyHexLength = 64;
    /// <summary>A raw 32-byte public key, as hex.</summary>
    public const int PublicKeyHexLength = 64;
    /// <summary>A 64-byte signature, as hex.</summary>
    public const int SignatureHexLength = 128;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>The one instance (it holds no state).</summary>
    public static Ed25519Signatures Instance { get; } = new();

    /// <summary>A new key pair: (secret key hex, public key hex).</summary>
    public static (string Secret, string Public) Generate()
    {
        using var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return (Convert.ToHexStringLower(key.Export(KeyBlobFormat.RawPrivateKey)), Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    }

    /// <summary>Signs <paramref name="data"/> with a raw 32-byte secret key (hex); returns the signature and the public key.</summary>
    public static ToolSignature Sign(ReadOnlySpan<byte> data, string secretKeyHex)
    {
        if (!TryHex(secretKeyHex, SecretKeyHexLength, out var secret))
            throw new KamiException(ErrorKind.InvalidInput, $"the secret key must be {SecretKeyHexLength} hex characters (a raw Ed25519 key); make one with `kami keygen`");
        using var key = Key.Import(Algorithm, secret, KeyBlobFormat.RawPrivateKey);
        var signature = Algorithm.Sign(key, data);
        return new ToolSignature(Convert.ToHexStringLower(signature), Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    }

    /// <summary>
    /// Signs a package: the .wasm bytes (the Rust KAMI's signature, so it still verifies there) and the manifest
    /// statement of <paramref name="manifest"/> with them (KAMI's signature over what the tool may do).
    /// </summary>
    public static ToolSignature SignPackage(ToolManifest manifest, ReadOnlySpan<byte> wasm, string secretKeyHex)
    {
        var code = Sign(wasm, secretKeyHex);
        var statement = Sign(ManifestStatement.SignedMessage(manifest, IntegrityHash.Of(wasm)), secretKeyHex);
        return code with { ManifestSignature = statement.Signature };
    }

    /// <summary>True when <paramref name="signature"/> is a valid signature of <paramref name="data"/> by its signer key; false for malformed hex too.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ToolSignature signature)
    {
        if (!TryHex(signature.Signature, SignatureHexLength, out var sig) || !TryHex(signature.SignerPublicKey, PublicKeyHexLength, out var keyBytes)) return false;
        if (!PublicKey.TryImport(Algorithm, keyBytes, KeyBlobFormat.RawPublicKey, out var key) || key is null) return false;
        return Algorithm.Verify(key, data, sig);
    }

    /// <summary>Whether <paramref name="text"/> is a well-formed public key (64 hex characters).</summary>
    public static bool IsPublicKey(string text) => TryHex(text, PublicKeyHexLength, out _);

    private static bool TryHex(string? text, int length, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length != length || !text.All(char.IsAsciiHexDigit)) return false;
        bytes = Convert.FromHexString(text);
        return true;
    }
}
