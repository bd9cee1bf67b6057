using System.Net;
using System.Text.Json;
using Kami.Core.Errors;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// Finds the OCI registry behind an <c>oci://HOST/…</c> reference as wasm-pkg-tools does: HOST's
/// <c>/.well-known/wasm-pkg/registry.json</c> may name another registry and a namespace prefix; when HOST serves none
/// (404, unreachable, not JSON), HOST itself is the registry. What it names is checked as strictly as the reference:
/// a bare host[:port], reached over HTTPS unless it is this machine (<see cref="OciEndpoint.For"/>).
/// </summary>
internal sealed class RegistryDiscovery(OciHttp http)
{
    /// <summary>Where wasm-pkg-tools looks for registry metadata.</summary>
    public const string WellKnownPath = ".well-known/wasm-pkg/registry.json";
    private const long MaxMetadataBytes = 64L << 10;

    /// <summary>The endpoint for <paramref name="reference"/>, and a note when HOST's metadata was there but unusable.</summary>
    public async Task<(OciEndpoint Endpoint, string? Note)> ResolveAsync(OciReference reference, TimeSpan timeout, CancellationToken cancellation)
    {
        var url = new Uri(OciEndpoint.BaseOf(reference.Host), WellKnownPath);
        WellKnownRegistry? metadata;
        string? note = null;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(timeout);
            metadata = await FetchAsync(url, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException or KamiException
            || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            metadata = null;
            if (e is JsonException or KamiException) note = $"{url} is not registry metadata ({Short(e)}); using {reference.Host} as the registry";
        }
        if (metadata?.Registry is not { } registry) return (OciEndpoint.For(reference.Host, reference.Repository), note);

        if (!IsAuthority(registry))
            throw new KamiException(ErrorKind.DownloadFailed,
                $"{url} names the registry \"{registry}\", which is not a host[:port]; nothing was fetched from it (ask the owner of {reference.Host} to fix registry.json)");
        var repository = (metadata.NamespacePrefix ?? "") + reference.Repository;
        if (!OciReference.IsRepositoryName(repository))
            throw new KamiException(ErrorKind.DownloadFailed, $"{url} gives the namespace prefix \"{metadata.NamespacePrefix}\", which makes no valid repository name; nothing was fetched");
        return (OciEndpoint.For(registry, repository), note);
    }

    private async Task<WellKnownRegistry?> FetchAsync(Uri url, CancellationToken cancellation)
    {
        using var response = await http.SendAsync(HttpMethod.Get, url, "application/json", null, null, _ => false, cancellation).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone || !response.IsSuccessStatusCode) return null;
        var (body, _) = await BoundedBody.ReadAsync(response, MaxMetadataBytes,
            () => new KamiException(ErrorKind.DownloadFailed, "larger than 64 KiB"), cancellation).ConfigureAwait(false);
        return JsonSerializer.Deserialize(body, OciJsonContext.Default.WellKnownRegistry);
    }

    // host or host:port only: a scheme, path, user or query in registry.json is refused, never interpreted.
    private static bool IsAuthority(string text) =>
        text.Length is > 0 and <= 255 && text.IndexOfAny(['/', '@', '?', '#', '\\', ' ']) < 0
        && Uri.TryCreate("https://" + text + "/", UriKind.Absolute, out var uri) && uri.Authority.Equals(text, StringComparison.OrdinalIgnoreCase);

    private static string Short(Exception e) => e.Message.Length > 120 ? e.Message[..120] + "…" : e.Message;
}
