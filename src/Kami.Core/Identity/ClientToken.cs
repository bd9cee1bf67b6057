using System.Security.Cryptography;
using System.Text;

namespace Kami.Core.Identity;

/// <summary>
/// Client tokens: <c>kami_</c> and 32 random bytes in hex, stored only as <c>sha256:</c> and the SHA-256 of the token.
/// A plain (fast) hash is enough: the token holds 256 random bits, so the hash cannot be reversed by guessing, and a
/// slow password hash would only slow every request. Hashes are compared in fixed time, and always at their full
/// length, so neither a token's content nor its length shows in the timing of a refusal.
/// </summary>
public static class ClientToken
{
    /// <summary>What every client token starts with, so a leaked one is recognisable (secret scanners, logs).</summary>
    public const string Prefix = "kami_";

    private const string HashPrefix = "sha256:";

    /// <summary>A new random token.</summary>
    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of <paramref name="token"/>.</summary>
    public static string Hash(string token) => HashPrefix + Convert.ToHexStringLower(Digest(token));

    /// <summary>Whether <paramref name="presented"/> is the token whose stored form is <paramref name="storedHash"/>, compared in fixed time.</summary>
    public static bool Matches(string presented, string storedHash)
    {
        var expected = storedHash.StartsWith(HashPrefix, StringComparison.Ordinal) && storedHash.Length == HashPrefix.Length + 64
            ? Convert.FromHexString(storedHash.AsSpan(HashPrefix.Length))
            : new byte[32];
        var equal = CryptographicOperations.FixedTimeEquals(Digest(presented), expected);
        // A malformed stored hash never matches, even the digest of some token that happens to be all zeros.
        return equal && storedHash.Length == HashPrefix.Length + 64;
    }

    /// <summary>The SHA-256 of the token's UTF-8 bytes: what both sides of every compare are reduced to.</summary>
    public static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
