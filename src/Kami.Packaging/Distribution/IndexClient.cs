using System.Security.Cryptography;
using System.Text;
using Kami.Core.Errors;
using Kami.Core.Hosting;

namespace Kami.Packaging.Distribution;

/// <summary>
/// Reads the configured index through <see cref="SafeDownloader"/> and keeps the last good copy under
/// <c>$KAMI_HOME/cache</c>: within <see cref="Ttl"/> the copy is used as it is; when the index cannot be reached
/// the copy is used whatever its age, and the caller is told so.
/// </summary>
public sealed class IndexClient(KamiPaths paths, SafeDownloader downloader, TimeProvider time)
{
    /// <summary>How long a cached index is used without asking the server again.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    /// <summary>The largest index accepted (16 MiB).</summary>
    public const long MaxIndexBytes = 16L << 20;

    /// <summary>The index, and a notice when it came from a stale cache.</summary>
    public async Task<(RegistryIndex Index, string? Notice)> LoadAsync(string indexUrl, bool refresh, CancellationToken cancellation)
    {
        if (!Uri.TryCreate(indexUrl, UriKind.Absolute, out var url) || url.IsFile)
        {
            var file = url?.IsFile == true ? url.LocalPath : indexUrl;
            if (!File.Exists(file)) throw new KamiException(ErrorKind.InvalidInput, $"index {indexUrl} is neither an http(s) URL nor a file");
            return (RegistryIndex.Parse(File.ReadAllText(file), indexUrl), null);
        }

        var cached = CacheFile(indexUrl);
        if (!refresh && File.Exists(cached) && time.GetUtcNow().UtcDateTime - File.GetLastWriteTimeUtc(cached) < Ttl)
            return (RegistryIndex.Parse(File.ReadAllText(cached), indexUrl), null);

        PrivateFiles.CreateDirectory(Path.GetDirectoryName(cached)!);
        var fresh = cached + "." + Guid.NewGuid().ToString("n") + ".part";
        try
        {
            await downloader.DownloadAsync(url, fresh, DownloadLimits.Default with { MaxBytes = MaxIndexBytes, Timeout = TimeSpan.FromSeconds(60) }, cancellation)
                .ConfigureAwait(false);
            var index = RegistryIndex.Parse(File.ReadAllText(fresh), indexUrl);
            File.Move(fresh, cached, overwrite: true);
            return (index, null);
        }
        catch (KamiException e) when (e.Kind == ErrorKind.DownloadFailed && File.Exists(cached))
        {
            var at = File.GetLastWriteTimeUtc(cached).ToString("u", System.Globalization.CultureInfo.InvariantCulture);
            return (RegistryIndex.Parse(File.ReadAllText(cached), indexUrl), $"offline: could not reach the index ({e.Message}); using the copy cached at {at}");
        }
        finally
        {
            if (File.Exists(fresh)) File.Delete(fresh);
        }
    }

    private string CacheFile(string indexUrl) =>
        Path.Combine(paths.Home, "cache", "index-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(indexUrl)))[..16] + ".json");
}
