using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// Logs (and answers early) requests over the body limit. Kestrel enforces the limit itself while the body is read;
/// a declared Content-Length above it is refused here before anything reads it, so the operator sees each one.
/// </summary>
internal sealed class BodyLimitMiddleware(RequestDelegate next, long limit, ILogger<BodyLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > limit)
        {
            Log(context);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            // The body is left unread and is too large to drain, so Kestrel drops the connection after this answer;
            // saying so keeps a client from sending its next request on a connection that is about to close.
            context.Response.Headers.Connection = "close";
            await context.Response.WriteAsync($"request body too large: at most {limit} bytes").ConfigureAwait(false);
            return;
        }
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Log(context);
            throw;
        }
    }

    private void Log(HttpContext context) =>
        HttpLog.BodyTooLarge(logger, context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), limit);
}
