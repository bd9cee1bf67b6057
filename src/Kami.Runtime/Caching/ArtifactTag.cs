using System.Security.Cryptography;
using System.Text;

namespace Kami.Runtime.Caching;

/// <summary>
/// The HMAC-SHA256 that proves an artifact was written by this home: over the artifact's key string and the SHA-256
/// of each 4 MiB part of its bytes, in order. Hashing the parts on every core, rather than one HMAC over the whole,
/// is what lets a 43 MB artifact be checked in a few milliseconds; forging a tag still needs the home's secret (or a
/// SHA-256 second preimage). The key string is inside the tag, so an artifact moved to another key's file fails.
/// </summary>
internal static unsafe class ArtifactTag
{
    /// <summary>Bytes per separately hashed part.</summary>
    public const int PartBytes = 4 << 20;

    public static byte[] Of(byte[] secret, string key, ReadOnlySpan<byte> artifact)
    {
        fixed (byte* start = artifact) return Of(secret, key, (nint)start, artifact.Length);
    }

    /// <summary>The tag of <paramref name="length"/> bytes at <paramref name="address"/> (pinned or mapped memory).</summary>
    public static byte[] Of(byte[] secret, string key, nint address, int length)
    {
        var parts = Math.Max(1, (length + PartBytes - 1) / PartBytes);
        var digests = new byte[parts * SHA256.HashSizeInBytes];
        void Part(int i)
        {
            var offset = (long)i * PartBytes;
            var size = (int)Math.Min(PartBytes, length - offset);
            SHA256.HashData(new ReadOnlySpan<byte>((byte*)address + offset, size), digests.AsSpan(i * SHA256.HashSizeInBytes, SHA256.HashSizeInBytes));
        }
        if (parts == 1) Part(0);
        else Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Part);

        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.UTF8.GetBytes(key));
        hmac.AppendData([0]);
        Span<byte> size = stackalloc byte[sizeof(long)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(size, length);
        hmac.AppendData(size);
        hmac.AppendData(digests);
        return hmac.GetHashAndReset();
    }
}
