using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// DNS-rebinding protection: a browser request carries an Origin; refuse any Origin that is not loopback or
/// explicitly allowed. Requests without an Origin (non-browser clients) pass; the Host check is separate.
/// </summary>
internal sealed class OriginGuardMiddleware(RequestDelegate next, IReadOnlyList<string> allowedOrigins, ILogger<OriginGuardMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsAllowed(origin)) return next(context);
        HttpLog.ForbiddenOrigin(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), origin);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync($"forbidden: origin {origin} is not allowed (allowed_origins in config)");
    }

    private bool IsAllowed(string origin)
    {
        if (allowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase) || allowedOrigins.Contains("*")) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.IsLoopback && (uri.Scheme == "http" || uri.Scheme == "https")
            && (uri.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1");
    }
}
