using Kami.Mcp.Callers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.AspNetCore.Authentication;
using ModelContextProtocol.Authentication;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// OAuth 2.1 resource server beside the static tokens: ASP.NET Core's JwtBearer checks access tokens against the
/// issuer's keys (fetched from its metadata, cached, re-fetched when a token names a key not seen yet), and the MCP
/// SDK's authentication handler serves <c>/.well-known/oauth-protected-resource</c> (RFC 9728) and the challenge that
/// points to it.
/// </summary>
internal static class OAuthSetup
{
    /// <summary>Where the protected resource metadata is served, and what every 401 points to.</summary>
    public const string MetadataPath = "/.well-known/oauth-protected-resource";

    // Asymmetric signatures only: an issuer signs with a private key. HS256 would let anyone holding the public key sign
    // (the key-confusion attack), and `none` is no signature at all.
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static void AddKamiOAuth(this IServiceCollection services, OAuthOptions oauth)
    {
        services.AddAuthentication()
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                var documents = new HttpDocumentRetriever(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }) { RequireHttps = !oauth.IssuerIsLoopback };
                o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(oauth.Issuer.ToString(), new IssuerMetadataRetriever(oauth), documents)
                {
                    AutomaticRefreshInterval = TimeSpan.FromHours(1),
                    RefreshInterval = TimeSpan.FromSeconds(30),
                };
                o.RequireHttpsMetadata = !oauth.IssuerIsLoopback;
                o.MapInboundClaims = false;
                o.RefreshOnIssuerKeyNotFound = true;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = oauth.Issuer.OriginalString,
                    ValidAudience = oauth.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    ValidAlgorithms = Algorithms,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (context.Principal is { } principal && OAuthCallers.From(principal, oauth) is { } caller)
                            principal.AddIdentity(new CallerIdentity(caller));
                        else
                            context.Fail("the access token has no subject (sub)");
                        return Task.CompletedTask;
                    },
                };
            })
            .AddMcp(o =>
            {
                o.ResourceMetadataUri = new Uri(MetadataPath, UriKind.Relative);
                o.ResourceMetadata = new ProtectedResourceMetadata
                {
                    Resource = oauth.Audience,
                    AuthorizationServers = [oauth.Issuer.OriginalString],
                    BearerMethodsSupported = ["header"],
                    ScopesSupported = [.. oauth.Scopes.Keys.Order(StringComparer.Ordinal)],
                };
            });
    }

    /// <summary>The caller of a request whose bearer is an access token from the issuer, or null (the challenge then says why not).</summary>
    public static async Task<Kami.Core.Identity.Caller?> AuthenticateAsync(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (!result.Succeeded || result.Principal is null) return null;
        context.User = result.Principal;
        return CallerClaims.Of(result.Principal) is { Kind: Kami.Core.Identity.CallerKind.OAuth } caller ? caller : null;
    }
}
