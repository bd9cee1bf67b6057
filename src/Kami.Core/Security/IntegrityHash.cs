using System.Security.Cryptography;

namespace Kami.Core.Security;

/// <summary>The integrity pin of a component: lowercase hex SHA-256 of its bytes, as the Rust KAMI records it.</summary>
public static class IntegrityHash
{
    /// <summary>The pin of these bytes: 64 lowercase hex characters.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The pin of a file's contents, read as a stream; throws the usual I/O exceptions when it cannot be read.</summary>
    public static string OfFile(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
