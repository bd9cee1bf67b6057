namespace Kami.Core.Trust;

/// <summary>Checks an Ed25519 signature; the implementation (a crypto library) lives outside Core.</summary>
public interface ISignatureVerifier
{
    /// <summary>True only when <paramref name="signature"/> is a valid signature of <paramref name="data"/> by the key; malformed hex is false.</summary>
    bool Verify(ReadOnlySpan<byte> data, ToolSignature signature);
}
