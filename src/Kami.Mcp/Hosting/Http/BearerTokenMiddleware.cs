using System.Security.Cryptography;
using System.Text;
using Kami.Core.Identity;
using Kami.Mcp.Callers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore.Authentication;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// Static bearer tokens: the server token (the operator: every tool) and named clients' tokens (their tools and quota).
/// The request's user gets the caller (<see cref="CallerIdentity"/>), which MCP handlers read. Both sides of every
/// compare are SHA-256 digests compared in fixed time, so neither a token's content nor its length leaks through timing;
/// a client token is found by its hash (a lookup by a digest of 256 random bits tells an attacker nothing) and then
/// compared in fixed time too. Clients are looked up on every request, so a removed or rotated-away token stops at once.
/// <paramref name="openPaths"/> (the probes, and /metrics when public) pass without a token.
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, string token, IReadOnlySet<string> openPaths, IClientStore? clients, OAuthOptions? oauth,
    ILogger<BearerTokenMiddleware> logger)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public async Task InvokeAsync(HttpContext context)
    {
        if (openPaths.Contains(context.Request.Path.Value ?? ""))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        var presented = header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : "";
        if (presented.Length > 0 && Resolve(presented) is { } caller)
        {
            context.User = CallerClaims.PrincipalFor(caller);
            await next(context).ConfigureAwait(false);
            return;
        }
        if (presented.Length > 0 && oauth is not null && await OAuthSetup.AuthenticateAsync(context).ConfigureAwait(false) is not null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        HttpLog.Unauthorized(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(),
            header.Length == 0 ? "no Authorization header" : oauth is null ? "wrong bearer token" : "wrong bearer token or access token");
        if (oauth is not null)
        {
            // The SDK's handler answers 401 with WWW-Authenticate pointing to the protected resource metadata (RFC 9728).
            await context.ChallengeAsync(McpAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"kami\"";
        }
        await context.Response.WriteAsync("unauthorized: send Authorization: Bearer <token> (the server token is in $KAMI_HOME/token unless --token-file or KAMI_TOKEN sets one; "
            + "`kami client add` makes a client's" + (oauth is null ? ")" : $"; or an access token from {oauth.Issuer} for {oauth.Audience})")).ConfigureAwait(false);
    }

    private Caller? Resolve(string presented)
    {
        if (CryptographicOperations.FixedTimeEquals(ClientToken.Digest(presented), _expected)) return Caller.Operator;
        if (clients is null) return null;
        return clients.FindClientByTokenHash(ClientToken.Hash(presented)) is { } client && ClientToken.Matches(presented, client.TokenHash)
            ? Caller.Of(client) : null;
    }
}
