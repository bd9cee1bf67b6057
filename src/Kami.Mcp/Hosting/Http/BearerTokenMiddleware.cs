using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// Static bearer-token auth. Both sides are hashed before a fixed-time compare, so neither the token's
/// content nor its length leaks through timing. <paramref name="openPaths"/> (the probes, and /metrics when public)
/// pass without one.
/// </summary>
internal sealed class BearerTokenMiddleware(RequestDelegate next, string token, IReadOnlySet<string> openPaths, ILogger<BearerTokenMiddleware> logger)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public Task InvokeAsync(HttpContext context)
    {
        if (openPaths.Contains(context.Request.Path.Value ?? "")) return next(context);
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        var presented = header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : "";
        if (presented.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected))
            return next(context);
        HttpLog.Unauthorized(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(),
            header.Length == 0 ? "no Authorization header" : "wrong bearer token");
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"kami\"";
        return context.Response.WriteAsync("unauthorized: send Authorization: Bearer <token> (the token is in $KAMI_HOME/token unless --token-file or KAMI_TOKEN sets one)");
    }
}
