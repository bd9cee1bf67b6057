using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Kami.Core.Registry;

/// <summary>
/// The audit log's hash chain, written once for every adapter: each record's hash is SHA-256 over a canonical,
/// length-prefixed encoding of its chain, its sequence number in that chain, the previous record's hash and every
/// stored column (<see cref="Storage.AuditRow"/>'s values, as stored), so changing, removing or moving any record
/// breaks the chain at that record or at the next one.
/// </summary>
public static class AuditChain
{
    /// <summary>The chain of a single machine's log (SQLite), which has no replica id.</summary>
    public const string LocalChain = "local";

    /// <summary>What the first record of a chain links to: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    // Versioned, so a future encoding can never be confused with this one.
    private static readonly byte[] Domain = "kami.audit.v1"u8.ToArray();

    private const byte NullTag = 0, TextTag = 1, IntegerTag = 2, RealTag = 3;

    /// <summary>
    /// The record's hash in lowercase hex. <paramref name="values"/> are column values as stored: null or
    /// <see cref="DBNull"/>, text, integers (any width, encoded as 64-bit), or reals; anything else is refused.
    /// </summary>
    public static string Hash(string chain, long sequence, string previousHash, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(values);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[9];
        hash.AppendData(Domain);
        AppendText(hash, chain);
        AppendInteger(hash, number, sequence);
        AppendText(hash, previousHash);
        AppendInteger(hash, number, values.Count);
        foreach (var value in values)
        {
            switch (value)
            {
                case null or DBNull: hash.AppendData([NullTag]); break;
                case string text: AppendText(hash, text); break;
                case long n: AppendInteger(hash, number, n); break;
                case int n: AppendInteger(hash, number, n); break;
                case short n: AppendInteger(hash, number, n); break;
                case double d:
                    number[0] = RealTag;
                    BinaryPrimitives.WriteDoubleBigEndian(number[1..], d);
                    hash.AppendData(number);
                    break;
                default: throw new ArgumentException($"an audit column holds a {value.GetType().Name}, which the chain does not encode", nameof(values));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Tag, 4-byte big-endian length, UTF-8 bytes: no two different field lists encode alike.
    private static void AppendText(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> head = stackalloc byte[5];
        head[0] = TextTag;
        BinaryPrimitives.WriteInt32BigEndian(head[1..], bytes.Length);
        hash.AppendData(head);
        hash.AppendData(bytes);
    }

    private static void AppendInteger(IncrementalHash hash, Span<byte> buffer, long value)
    {
        buffer[0] = IntegerTag;
        BinaryPrimitives.WriteInt64BigEndian(buffer[1..], value);
        hash.AppendData(buffer);
    }
}
