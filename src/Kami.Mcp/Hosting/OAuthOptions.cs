using System.Net;
using Kami.Core.Errors;
using Kami.Core.Identity;

namespace Kami.Mcp.Hosting;

/// <summary>
/// OAuth 2.1 resource-server settings: the issuer whose access tokens are accepted, this server's resource URI (the
/// audience tokens must name), and which tools each scope grants.
/// </summary>
public sealed record OAuthOptions
{
    private OAuthOptions(Uri issuer, string audience, IReadOnlyDictionary<string, ToolAccess> scopes)
    {
        Issuer = issuer;
        Audience = audience;
        Scopes = scopes;
    }

    /// <summary>The issuer, exactly as its tokens' <c>iss</c> claim says it.</summary>
    public Uri Issuer { get; }

    /// <summary>This server's resource URI: the <c>aud</c> a token must carry.</summary>
    public string Audience { get; }

    /// <summary>The tools each scope grants; a token's caller may use the union of its scopes' tools.</summary>
    public IReadOnlyDictionary<string, ToolAccess> Scopes { get; }

    /// <summary>The quota every OAuth caller is held to, each on its own counters (by subject and client).</summary>
    public ClientQuota Quota { get; init; } = ClientQuota.Unlimited;

    /// <summary>Whether the issuer may be reached over plain HTTP: only on this machine.</summary>
    public bool IssuerIsLoopback => IsLoopback(Issuer);

    /// <summary>
    /// Checks and builds the settings. <paramref name="scopes"/> is <c>scope=patterns</c> pairs separated by ';'
    /// (<c>tools:kami=dev.kami.*; search=dev.acme.search,dev.acme.fetch</c>). Throws <see cref="KamiException"/>
    /// (<see cref="ErrorKind.InvalidInput"/>) naming the setting that is wrong.
    /// </summary>
    public static OAuthOptions Create(string issuer, string? audience, string? scopes)
    {
        if (!Uri.TryCreate(issuer.Trim(), UriKind.Absolute, out var issuerUri) || (issuerUri.Scheme != Uri.UriSchemeHttps && issuerUri.Scheme != Uri.UriSchemeHttp))
            throw Invalid($"oauth_issuer \"{issuer}\" is not an https:// URL");
        if (issuerUri.Scheme == Uri.UriSchemeHttp && !IsLoopback(issuerUri))
            throw Invalid($"oauth_issuer {issuerUri} uses plain HTTP off this machine, where its keys could be replaced on the way; use https:// (http:// is allowed only for 127.0.0.1, [::1] or localhost)");
        if (string.IsNullOrWhiteSpace(audience) || !Uri.TryCreate(audience.Trim(), UriKind.Absolute, out _))
            throw Invalid("oauth_audience must be this server's resource URI (e.g. https://kami.example.com/mcp), the audience its tokens are issued for, when oauth_issuer is set");
        return new OAuthOptions(issuerUri, audience.Trim(), ParseScopes(scopes));
    }

    private static Dictionary<string, ToolAccess> ParseScopes(string? text)
    {
        var map = new Dictionary<string, ToolAccess>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var scope = equals > 0 ? pair[..equals].Trim() : "";
            if (scope.Length == 0 || scope.Any(c => c <= ' ' || c is '"' or '\\' || c > '~'))
                throw Invalid($"oauth_scopes: \"{pair}\" is not scope=patterns (e.g. tools:kami=dev.kami.*)");
            var access = ToolAccess.Parse(pair[(equals + 1)..]);
            map[scope] = map.TryGetValue(scope, out var earlier) ? earlier.Union(access) : access;
        }
        return map;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback && (uri.Host is "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    private static KamiException Invalid(string message) => new(ErrorKind.InvalidInput, message);
}
