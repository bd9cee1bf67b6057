using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kami.Mcp.Input;

/// <summary>
/// Seals a <see cref="RequestState"/> for the client to hold (AES-256-GCM: the client can neither read nor change
/// it) and opens what a retry brings back. Every replica of a fleet opens what any of them sealed when they share the
/// key (<see cref="StateKey"/>). Anything that does not open (another key, a changed byte, another format) is null.
/// </summary>
internal sealed class RequestStateSealer(byte[] key)
{
    private const string Prefix = "kami1.";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    // At most this much sealed state is opened: what the host seals is bounded well below it.
    public const int MaxSealedChars = 512 * 1024;
    private static readonly byte[] Context = "kami-request-state-v1"u8.ToArray();

    public string Seal(RequestState state)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(state, RequestStateJson.Default.RequestState);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Context);
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    public RequestState? Open(string sealedText)
    {
        if (sealedText.Length > MaxSealedChars || !sealedText.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(sealedText.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }
        if (sealedBytes.Length < NonceBytes + TagBytes) return null;
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), plain, Context);
            return JsonSerializer.Deserialize(plain, RequestStateJson.Default.RequestState);
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A fresh one-time id for a state.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Lowercase hex SHA-256 of text, for binding a state to what it was issued for.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
