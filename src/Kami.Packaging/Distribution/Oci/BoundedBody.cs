using System.Security.Cryptography;
using Kami.Core.Errors;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// Reads a response body no further than a bound, hashing it as it arrives: a registry that lies about a size, or
/// never stops, is cut off at the bound rather than filling memory or disk.
/// </summary>
internal static class BoundedBody
{
    /// <summary>Copies at most <paramref name="max"/> bytes into <paramref name="target"/>; returns how many and their digest.</summary>
    public static async Task<(long Length, string Digest)> CopyAsync(HttpResponseMessage response, Stream target, long max,
        Func<KamiException> tooLarge, CancellationToken cancellation)
    {
        if (response.Content.Headers.ContentLength > max) throw tooLarge();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
            }
            return (total, OciDigest.Of(hash));
        }
    }

    /// <summary>The body as bytes, at most <paramref name="max"/> of them, with its digest.</summary>
    public static async Task<(byte[] Bytes, string Digest)> ReadAsync(HttpResponseMessage response, long max, Func<KamiException> tooLarge,
        CancellationToken cancellation)
    {
        using var memory = new MemoryStream();
        var (_, digest) = await CopyAsync(response, memory, max, tooLarge, cancellation).ConfigureAwait(false);
        return (memory.ToArray(), digest);
    }
}
