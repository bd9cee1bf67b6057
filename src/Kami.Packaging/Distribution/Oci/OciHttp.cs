using Kami.Core.Security.Network;
using System.Net;
using System.Net.Http.Headers;
using Kami.Core.Errors;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// The requests KAMI makes to registries: every hop checked by <see cref="SafeDownloader.RequireSafeScheme"/> (HTTPS,
/// plain HTTP only to this machine), redirects of GET and HEAD followed by hand and counted (registries send blobs
/// to a CDN), and an Authorization header only on a hop to the registry itself, never to where it redirects.
/// </summary>
internal sealed class OciHttp(HttpMessageInvoker client, DownloadLimits limits)
{
    /// <summary>Sends the request; the caller disposes the response. <paramref name="content"/> is made anew for each send.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, string? accept, Func<HttpContent>? content,
        AuthenticationHeaderValue? authorization, Func<Uri, bool> mayAuthorize, CancellationToken cancellation)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            SafeDownloader.RequireSafeScheme(current);
            using var request = new HttpRequestMessage(method, current);
            if (accept is not null) request.Headers.Accept.ParseAdd(accept);
            if (authorization is not null && mayAuthorize(current)) request.Headers.Authorization = authorization;
            if (content is not null) request.Content = content();
            var response = await client.SendAsync(request, cancellation).ConfigureAwait(false);
            if (!HttpRedirects.IsFollowed((int)response.StatusCode) || (method != HttpMethod.Get && method != HttpMethod.Head)) return response;
            var location = response.Headers.Location;
            response.Dispose();
            if (redirects >= limits.MaxRedirects)
                throw new KamiException(ErrorKind.DownloadFailed, $"{url} was redirected more than {limits.MaxRedirects} times");
            current = location is null
                ? throw new KamiException(ErrorKind.DownloadFailed, $"{current} was redirected without a Location")
                : new Uri(current, location);
        }
    }

}
