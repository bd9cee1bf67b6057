using System.Net;
using Kami.Core.Errors;
using Kami.Core.Security.Network;

namespace Kami.Packaging.Distribution;

/// <summary>
/// The one way KAMI fetches anything: HTTPS (plain HTTP only to this machine), redirects followed by hand so each
/// hop is checked the same way and counted, a size bound enforced while reading (a server that lies about the
/// length or never stops is cut off), and one deadline for the whole transfer. A failed download leaves no file.
/// </summary>
public sealed class SafeDownloader(HttpMessageHandler? handler = null)
{
    /// <summary>Downloads <paramref name="url"/> to <paramref name="targetFile"/> within <paramref name="limits"/>; throws a <see cref="Kami.Core.Errors.KamiException"/> (DownloadFailed) saying what went wrong, leaving no file.</summary>
    public async Task DownloadAsync(Uri url, string targetFile, DownloadLimits limits, CancellationToken cancellation)
    {
        using var client = new HttpClient(handler ?? NewHandler(limits), disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(limits.Timeout);
        try
        {
            await DownloadCoreAsync(client, url, targetFile, limits, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not KamiException)
        {
            TryDelete(targetFile);
            if (e is OperationCanceledException && cancellation.IsCancellationRequested) throw;
            throw new KamiException(ErrorKind.DownloadFailed, e switch
            {
                OperationCanceledException => $"download of {url} timed out after {limits.Timeout.TotalSeconds:0} s",
                _ when ConnectionLost(e) is { } lost => $"download of {url} was cut short ({lost.Message})",
                _ => $"download of {url} failed: {e.Message}",
            }, e);
        }
        catch
        {
            TryDelete(targetFile);
            throw;
        }
    }

    /// <summary>HTTPS anywhere; HTTP only to a loopback address, where nobody in between can change the bytes.</summary>
    public static void RequireSafeScheme(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new KamiException(ErrorKind.InvalidInput, $"{url} is not an http(s) URL");
        if (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
            throw new KamiException(ErrorKind.DownloadFailed, $"{url} uses plain HTTP, which anyone on the way can alter; use https:// (HTTP is allowed only to this machine)");
    }

    internal static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static async Task DownloadCoreAsync(HttpClient client, Uri url, string targetFile, DownloadLimits limits, CancellationToken cancellation)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            RequireSafeScheme(current);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
            if (HttpRedirects.IsFollowed((int)response.StatusCode))
            {
                if (redirects >= limits.MaxRedirects)
                    throw new KamiException(ErrorKind.DownloadFailed, $"download of {url} was redirected more than {limits.MaxRedirects} times");
                current = response.Headers.Location is { } location
                    ? new Uri(current, location)
                    : throw new KamiException(ErrorKind.DownloadFailed, $"download of {current} was redirected without a Location");
                continue;
            }
            if (!response.IsSuccessStatusCode)
                throw new KamiException(ErrorKind.DownloadFailed,
                    $"download of {current} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}; check the URL (or the index entry)");
            if (response.Content.Headers.ContentLength is { } length && length > limits.MaxBytes)
                throw TooLarge(current, limits);
            await CopyBoundedAsync(response, targetFile, current, limits, cancellation).ConfigureAwait(false);
            return;
        }
    }

    private static async Task CopyBoundedAsync(HttpResponseMessage response, string targetFile, Uri url, DownloadLimits limits, CancellationToken cancellation)
    {
        var target = new FileStream(targetFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (target.ConfigureAwait(false))
        {
            var total = await BoundedBody.CopyAsync(response, target, limits.MaxBytes, () => TooLarge(url, limits), null, cancellation).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength is { } expected && total != expected)
                throw new KamiException(ErrorKind.DownloadFailed, $"download of {url} was cut short: {total} of {expected} bytes arrived");
            await target.FlushAsync(cancellation).ConfigureAwait(false);
        }
    }

    // The connection ended mid-transfer. Where it ends (headers, body, the socket) decides what .NET throws: an
    // HttpRequestException around an IOException, an HttpIOException, or an IOException around a SocketException.
    private static Exception? ConnectionLost(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpIOException or System.Net.Sockets.SocketException) return inner;
            if (inner is IOException && e is HttpRequestException) return inner;
        }
        return null;
    }

    private static KamiException TooLarge(Uri url, DownloadLimits limits) =>
        new(ErrorKind.DownloadFailed, $"download of {url} is larger than {limits.MaxBytes >> 20} MiB (max_download_mb)");

    internal static SocketsHttpHandler NewHandler(DownloadLimits limits) => new()
    {
        AllowAutoRedirect = false,
        ConnectTimeout = limits.ConnectTimeout,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    };

    private static void TryDelete(string file)
    {
        try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
