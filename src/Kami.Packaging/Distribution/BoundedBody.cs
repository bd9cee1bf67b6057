using System.Security.Cryptography;
using Kami.Core.Errors;
using Kami.Packaging.Distribution.Oci;

namespace Kami.Packaging.Distribution;

/// <summary>
/// Reads a response body no further than a bound: a server that lies about the length, or never stops, is cut off
/// at the bound rather than filling memory or disk. Optionally hashed as it arrives, so nothing is read twice.
/// </summary>
internal static class BoundedBody
{
    /// <summary>Copies at most <paramref name="max"/> bytes into <paramref name="target"/> (and <paramref name="hash"/>); returns how many came.</summary>
    public static async Task<long> CopyAsync(HttpResponseMessage response, Stream target, long max, Func<KamiException> tooLarge,
        IncrementalHash? hash, CancellationToken cancellation)
    {
        if (response.Content.Headers.ContentLength > max) throw tooLarge();
        var source = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > max) throw tooLarge();
                hash?.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
            }
            return total;
        }
    }

    /// <summary>Copies as <see cref="CopyAsync(HttpResponseMessage, Stream, long, Func{KamiException}, IncrementalHash?, CancellationToken)"/>; returns the length and the OCI digest of what came.</summary>
    public static async Task<(long Length, string Digest)> CopyHashedAsync(HttpResponseMessage response, Stream target, long max,
        Func<KamiException> tooLarge, CancellationToken cancellation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var length = await CopyAsync(response, target, max, tooLarge, hash, cancellation).ConfigureAwait(false);
        return (length, OciDigest.Of(hash));
    }

    /// <summary>The body as bytes, at most <paramref name="max"/> of them, with its digest.</summary>
    public static async Task<(byte[] Bytes, string Digest)> ReadAsync(HttpResponseMessage response, long max, Func<KamiException> tooLarge,
        CancellationToken cancellation)
    {
        using var memory = new MemoryStream();
        var (_, digest) = await CopyHashedAsync(response, memory, max, tooLarge, cancellation).ConfigureAwait(false);
        return (memory.ToArray(), digest);
    }
}
