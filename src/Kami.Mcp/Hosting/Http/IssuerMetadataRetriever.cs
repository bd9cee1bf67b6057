using Kami.Core.Errors;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// Reads the issuer's metadata and keys: RFC 8414 (<c>/.well-known/oauth-authorization-server</c>) first, then OpenID
/// Connect discovery (<c>/.well-known/openid-configuration</c>), as MCP clients look for them. The document must name
/// the configured issuer (else anyone able to serve one document could name another issuer's keys), and its
/// <c>jwks_uri</c> must be HTTPS, or HTTP only on loopback, like the issuer itself. The document retriever refuses
/// plain HTTP unless the issuer is on loopback.
/// </summary>
internal sealed class IssuerMetadataRetriever(OAuthOptions oauth) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        Exception? first = null;
        foreach (var url in MetadataUrls(oauth.Issuer))
        {
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await OpenIdConnectConfigurationRetriever.GetAsync(url, retriever, cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                first ??= e;
                continue;
            }
            if (!string.Equals(configuration.Issuer?.TrimEnd('/'), oauth.Issuer.OriginalString.TrimEnd('/'), StringComparison.Ordinal))
                throw new KamiException(ErrorKind.InvalidInput, $"the issuer metadata at {url} names issuer \"{configuration.Issuer}\", not oauth_issuer {oauth.Issuer.OriginalString}");
            if (!Uri.TryCreate(configuration.JwksUri, UriKind.Absolute, out var jwks)
                || !(jwks.Scheme == Uri.UriSchemeHttps || (jwks.Scheme == Uri.UriSchemeHttp && jwks.IsLoopback && oauth.IssuerIsLoopback)))
                throw new KamiException(ErrorKind.InvalidInput, $"the issuer metadata at {url} has jwks_uri \"{configuration.JwksUri}\"; it must be an https:// URL");
            return configuration;
        }
        throw new InvalidOperationException($"cannot read the metadata of oauth_issuer {oauth.Issuer}: {first?.Message}", first);
    }

    /// <summary>Where the metadata may be, in the order tried (RFC 8414 inserts the well-known part before the issuer's path).</summary>
    public static IReadOnlyList<string> MetadataUrls(Uri issuer)
    {
        var origin = issuer.GetLeftPart(UriPartial.Authority);
        var path = issuer.AbsolutePath.TrimEnd('/');
        return [$"{origin}/.well-known/oauth-authorization-server{path}", $"{origin}{path}/.well-known/openid-configuration"];
    }
}
