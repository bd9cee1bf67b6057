namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// The registry that actually serves a repository, and the repository's name there. The scheme is never taken from
/// anyone's say-so: HTTPS, or plain HTTP when the registry is this machine (<see cref="SafeDownloader.RequireSafeScheme"/>),
/// so a registry.json served over loopback HTTP cannot send kami over plain HTTP to another host.
/// </summary>
/// <param name="Registry">host[:port] of the registry.</param>
/// <param name="BaseAddress">http(s)://host[:port]/ of the registry.</param>
/// <param name="Repository">The repository name at that registry.</param>
internal sealed record OciEndpoint(string Registry, Uri BaseAddress, string Repository)
{
    /// <summary>The endpoint for <paramref name="registry"/> (host[:port], no scheme), checked like any download URL.</summary>
    public static OciEndpoint For(string registry, string repository)
    {
        var address = BaseOf(registry);
        SafeDownloader.RequireSafeScheme(address);
        return new OciEndpoint(registry.ToLowerInvariant(), address, repository);
    }

    /// <summary>http://host[:port]/ for this machine, https://host[:port]/ for any other.</summary>
    public static Uri BaseOf(string authority)
    {
        var https = new Uri("https://" + authority + "/");
        return SafeDownloader.IsLoopback(https) ? new Uri("http://" + authority + "/") : https;
    }

    /// <summary>/v2/&lt;name&gt;/manifests/&lt;reference&gt;</summary>
    public Uri Manifest(string reference) => new(BaseAddress, $"v2/{Repository}/manifests/{reference}");

    /// <summary>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</summary>
    public Uri Blob(string digest) => new(BaseAddress, $"v2/{Repository}/blobs/{digest}");

    /// <summary>/v2/&lt;name&gt;/blobs/uploads/</summary>
    public Uri Uploads => new(BaseAddress, $"v2/{Repository}/blobs/uploads/");

    /// <summary>Whether <paramref name="url"/> is this registry (scheme, host and port), the only place its credentials go.</summary>
    public bool IsRegistry(Uri url) => SameOrigin(url, BaseAddress);

    /// <summary>Same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b) => Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
