using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kami.Core.Errors;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// The OCI Distribution API v2 calls KAMI makes against one repository, each bounded and checked: a manifest or
/// blob whose bytes do not hash to the digest asked for is refused. A 401 is answered once per request, with
/// the anonymous (or credentialed) Bearer token flow ghcr.io uses, or Basic credentials when the registry asks.
/// </summary>
internal sealed class OciRegistryClient(OciHttp http, OciEndpoint endpoint, OciCredentials? credentials, string actions)
{
    /// <summary>The largest manifest accepted.</summary>
    public const long MaxManifestBytes = 4L << 20;
    /// <summary>The largest config blob accepted.</summary>
    public const long MaxConfigBytes = 1L << 20;
    private const long MaxSmallBody = 64L << 10;

    private AuthenticationHeaderValue? _authorization;

    private string Where => $"{endpoint.Registry}/{endpoint.Repository}";

    /// <summary>The manifest at <paramref name="reference"/> (tag or digest): its bytes and their digest.</summary>
    public async Task<(byte[] Bytes, string Digest)> GetManifestAsync(string reference, CancellationToken cancellation)
    {
        using var response = await SendAsync(HttpMethod.Get, endpoint.Manifest(reference), OciMediaTypes.ImageManifest, null, cancellation).ConfigureAwait(false);
        var what = $"the manifest {Where}{(OciDigest.IsSha256(reference) ? "@" : ":")}{reference}";
        await EnsureSuccessAsync(response, what, "check the name and the tag (or digest)", cancellation).ConfigureAwait(false);
        var (bytes, digest) = await BoundedBody.ReadAsync(response, MaxManifestBytes,
            () => Refused($"{what} is larger than {MaxManifestBytes >> 20} MiB"), cancellation).ConfigureAwait(false);
        // Fetched by tag there is no digest to hold the bytes to but the one the registry itself states.
        if (!OciDigest.IsSha256(reference) && response.Headers.TryGetValues("Docker-Content-Digest", out var stated) && stated.FirstOrDefault() is { } claimed
            && OciDigest.IsSha256(claimed) && claimed != digest)
            throw Tampered($"{what} does not match its digest: the registry says {claimed}, the bytes are {digest}");
        return (bytes, digest);
    }

    /// <summary>Downloads the blob <paramref name="blob"/> into <paramref name="target"/>; refuses it unless it is exactly its size and digest.</summary>
    public async Task GetBlobAsync(OciDescriptor blob, string what, Stream target, long max, CancellationToken cancellation)
    {
        if (blob.Size < 0 || blob.Size > max)
            throw Refused($"the {what} of {Where} is {blob.Size} bytes, more than the {Size(max)} KAMI accepts{(max >= 1L << 20 ? " (max_download_mb)" : "")}");
        using var response = await SendAsync(HttpMethod.Get, endpoint.Blob(blob.Digest!), null, null, cancellation).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"the {what} {blob.Digest} of {Where}", "the artifact is incomplete at the registry; publish it again", cancellation).ConfigureAwait(false);
        var (length, digest) = await BoundedBody.CopyHashedAsync(response, target, blob.Size,
            () => Tampered($"the {what} of {Where} is longer than the {blob.Size} bytes its manifest says"), cancellation).ConfigureAwait(false);
        if (length != blob.Size)
            throw Tampered($"the {what} of {Where} is {length} bytes, not the {blob.Size} its manifest says");
        if (digest != blob.Digest)
            throw Tampered($"the {what} of {Where} does not match its digest: the manifest says {blob.Digest}, the bytes are {digest}");
    }

    /// <summary>Uploads <paramref name="bytes"/> as a blob unless the registry already has it (monolithic upload: POST, then PUT ?digest=).</summary>
    public async Task PutBlobAsync(byte[] bytes, string digest, CancellationToken cancellation)
    {
        using (var head = await SendAsync(HttpMethod.Head, endpoint.Blob(digest), null, null, cancellation).ConfigureAwait(false))
        {
            if (head.IsSuccessStatusCode) return;
        }
        Uri location;
        using (var start = await SendAsync(HttpMethod.Post, endpoint.Uploads, null, () => new ByteArrayContent([]), cancellation).ConfigureAwait(false))
        {
            await EnsureSuccessAsync(start, $"starting an upload to {Where}", "check that you may push there", cancellation).ConfigureAwait(false);
            location = start.Headers.Location is { } l ? new Uri(endpoint.Uploads, l)
                : throw new KamiException(ErrorKind.DownloadFailed, $"the registry {endpoint.Registry} started an upload without saying where to send it (no Location)");
        }
        var put = new UriBuilder(location);
        put.Query = (put.Query.Length > 1 ? put.Query[1..] + "&" : "") + "digest=" + Uri.EscapeDataString(digest);
        using var done = await SendAsync(HttpMethod.Put, put.Uri, null, () => Octets(bytes, "application/octet-stream"), cancellation).ConfigureAwait(false);
        await EnsureSuccessAsync(done, $"uploading {digest} to {Where}", "check that you may push there", cancellation).ConfigureAwait(false);
    }

    /// <summary>Puts the manifest under <paramref name="tag"/>; returns its digest.</summary>
    public async Task<string> PutManifestAsync(string tag, byte[] manifest, CancellationToken cancellation)
    {
        using var response = await SendAsync(HttpMethod.Put, endpoint.Manifest(tag), null, () => Octets(manifest, OciMediaTypes.ImageManifest), cancellation).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"putting the manifest {Where}:{tag}", "check that you may push there", cancellation).ConfigureAwait(false);
        return OciDigest.Of(manifest);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, string? accept, Func<HttpContent>? content, CancellationToken cancellation)
    {
        var response = await http.SendAsync(method, url, accept, content, _authorization, endpoint.IsRegistry, cancellation).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || response.RequestMessage?.RequestUri is not { } at || !endpoint.IsRegistry(at)) return response;
        var challenge = AuthChallenge.From(response.Headers.WwwAuthenticate);
        response.Dispose();
        _authorization = await AuthorizeAsync(challenge, cancellation).ConfigureAwait(false);
        return await http.SendAsync(method, url, accept, content, _authorization, endpoint.IsRegistry, cancellation).ConfigureAwait(false);
    }

    // Bearer: ask the realm the registry names for a token for the scope it names (anonymously, or with the
    // registry's credentials). Basic: only the credentials can answer.
    private async Task<AuthenticationHeaderValue> AuthorizeAsync(AuthChallenge? challenge, CancellationToken cancellation)
    {
        if (challenge is not null && challenge.Is("Basic") && credentials is not null) return credentials.Basic();
        if (challenge is null || !challenge.Is("Bearer") || challenge["realm"] is not { } realmText)
            throw NeedsCredentials("asks for credentials");
        if (!Uri.TryCreate(realmText, UriKind.Absolute, out var realm))
            throw new KamiException(ErrorKind.DownloadFailed, $"the registry {endpoint.Registry} names a token service that is not a URL ({realmText})");
        var query = new List<string>();
        if (challenge["service"] is { } service) query.Add("service=" + Uri.EscapeDataString(service));
        query.Add("scope=" + Uri.EscapeDataString(challenge["scope"] ?? $"repository:{endpoint.Repository}:{actions}"));
        var tokenUrl = new UriBuilder(realm) { Query = string.Join('&', (realm.Query.Length > 1 ? [realm.Query[1..]] : Array.Empty<string>()).Concat(query)) }.Uri;
        using var response = await http.SendAsync(HttpMethod.Get, tokenUrl, "application/json", null, credentials?.Basic(), at => OciEndpoint.SameOrigin(at, realm), cancellation).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw NeedsCredentials($"refused a token to {actions} (HTTP {(int)response.StatusCode})");
        await EnsureSuccessAsync(response, $"a token for {Where} from {realm.GetLeftPart(UriPartial.Path)}", "try again later", cancellation).ConfigureAwait(false);
        var (body, _) = await BoundedBody.ReadAsync(response, MaxSmallBody, () => Refused($"the token from {realm.Host} is larger than 64 KiB"), cancellation).ConfigureAwait(false);
        TokenResponse? token;
        try
        {
            token = JsonSerializer.Deserialize(body, OciJsonContext.Default.TokenResponse);
        }
        catch (JsonException)
        {
            token = null;
        }
        return (token?.Token ?? token?.AccessToken) is { Length: > 0 } value && !value.Any(char.IsControl)
            ? new AuthenticationHeaderValue("Bearer", value)
            : throw new KamiException(ErrorKind.DownloadFailed, $"the token service of {endpoint.Registry} answered without a token");
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, string advice, CancellationToken cancellation)
    {
        if (response.IsSuccessStatusCode) return;
        var status = $"HTTP {(int)response.StatusCode}{await ErrorCodesAsync(response, cancellation).ConfigureAwait(false)}";
        throw response.StatusCode switch
        {
            HttpStatusCode.NotFound => new KamiException(ErrorKind.DownloadFailed, $"{what} was not found ({status}); {advice}"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => NeedsCredentials($"refused access ({status})"),
            _ => new KamiException(ErrorKind.DownloadFailed, $"{what} failed ({status}); {advice}"),
        };
    }

    // The registry's error codes (MANIFEST_UNKNOWN, DENIED, …) say more than the status; its free-text messages are not shown.
    private static async Task<string> ErrorCodesAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        try
        {
            var (body, _) = await BoundedBody.ReadAsync(response, MaxSmallBody, () => new KamiException(ErrorKind.DownloadFailed, ""), cancellation).ConfigureAwait(false);
            var codes = JsonSerializer.Deserialize(body, OciJsonContext.Default.OciErrorBody)?.Errors?
                .Select(e => e.Code).Where(c => c is { Length: > 0 and <= 64 } && c.All(ch => char.IsAsciiLetterUpper(ch) || ch == '_')).Distinct().ToList();
            return codes is { Count: > 0 } ? " " + string.Join(", ", codes) : "";
        }
        catch (Exception e) when (e is JsonException or KamiException or HttpRequestException or IOException)
        {
            return "";
        }
    }

    private KamiException NeedsCredentials(string what)
    {
        var (user, password) = OciCredentials.VariableNames(endpoint.Registry);
        return new KamiException(ErrorKind.DownloadFailed, credentials is null
            ? $"{Where}: the registry {what}; the repository may not exist, or it needs credentials: set {user} and {password}"
            : $"{Where}: the registry {what} with the credentials in {user} and {password}; check them, and that they may {actions} there");
    }

    private static ByteArrayContent Octets(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static string Size(long bytes) => bytes >= 1L << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";

    private static KamiException Refused(string message) => new(ErrorKind.DownloadFailed, message);

    private static KamiException Tampered(string message) => new(ErrorKind.IntegrityMismatch, message + ": it was altered at the registry or on the way");
}
