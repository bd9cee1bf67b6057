using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// Probes for balancers and Kubernetes, answered without a token. <c>/healthz</c> (liveness) says only that the
/// process serves HTTP; <c>/readyz</c> runs every <see cref="IReadinessCheck"/> and says which condition is not met,
/// in words that name no host, path or secret.
/// </summary>
internal static class HealthEndpoints
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";

    public static void Map(WebApplication app)
    {
        app.MapGet(Liveness, (RequestDelegate)(context => WritePlain(context, StatusCodes.Status200OK, "ok")));
        app.MapGet(Readiness, (RequestDelegate)(async context =>
        {
            var problems = new List<string>();
            foreach (var check in context.RequestServices.GetServices<IReadinessCheck>())
                if (await check.CheckAsync(context.RequestAborted).ConfigureAwait(false) is { } problem) problems.Add(problem);
            await (problems.Count == 0
                ? WritePlain(context, StatusCodes.Status200OK, "ready")
                : WritePlain(context, StatusCodes.Status503ServiceUnavailable, "not ready: " + string.Join("; ", problems))).ConfigureAwait(false);
        }));
    }

    private static Task WritePlain(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text);
    }
}
