using System.Security.Cryptography;

namespace Kami.Core.Security;

/// <summary>The integrity pin of a component: lowercase hex SHA-256 of its bytes, as the Rust KAMI records it.</summary>
public static class IntegrityHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string OfFile(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
