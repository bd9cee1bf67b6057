using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Mcp.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// <c>kami serve --http</c>: Streamable HTTP at /mcp. Loopback by default; a bearer token on every bind unless
/// <see cref="ServeOptions.NoAuth"/> (loopback only).
/// Host and Origin are checked against DNS rebinding, bodies are bounded, and shutdown lets running calls finish
/// (up to <see cref="ServeOptions.ShutdownTimeout"/>).
/// </summary>
public static class HttpServer
{
    /// <summary>The one URL path the MCP endpoint answers on.</summary>
    public const string Path = "/mcp";

    /// <summary>The Prometheus scrape endpoint, when <see cref="TelemetryOptions.Prometheus"/>.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Serves until <paramref name="cancellation"/>; <paramref name="started"/> gets the endpoint's URL once it listens (with the real port when 0 was asked).
    /// Throws what <see cref="Build"/> throws.
    /// </summary>
    public static async Task RunAsync(ServeOptions options, IToolRegistry registry, IAuditLog? auditLog, Action<Uri>? started, CancellationToken cancellation)
    {
        await using var app = Build(options, registry, auditLog);
        await app.StartAsync(cancellation).ConfigureAwait(false);
        var endpoint = HttpEndpoint.Parse(options.HttpEndpoint ?? HttpEndpoint.Default);
        var address = app.Urls.FirstOrDefault() ?? $"http://{endpoint.Address}:{endpoint.Port}";
        started?.Invoke(new Uri(new Uri(address), Path));
        await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The server, built but not started: Kestrel, the Host/Origin/token/body checks in front of MCP at <see cref="Path"/>.
    /// <paramref name="configureServices"/> runs last, so its registrations win (tests put an in-memory Kestrel transport,
    /// a fake executor or clock there). Throws <see cref="KamiException"/> (<see cref="ErrorKind.InvalidInput"/>) for a
    /// missing or weak token, or <c>--no-auth</c> off loopback. Without <see cref="ServeOptions.HttpEndpoint"/> it listens on
    /// <see cref="HttpEndpoint.Default"/>.
    /// </summary>
    public static WebApplication Build(ServeOptions options, IToolRegistry registry, IAuditLog? auditLog, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = HttpEndpoint.Parse(options.HttpEndpoint ?? HttpEndpoint.Default);
        if (options.NoAuth && !endpoint.IsLoopback)
            throw new KamiException(ErrorKind.InvalidInput,
                $"--no-auth is allowed only on a loopback address (127.0.0.1, [::1], localhost); {endpoint.Address} can be reached from other machines, "
                + "which could then run your tools. Drop --no-auth to require a token, or bind to 127.0.0.1");
        if (options.NoAuth && options.OAuth is not null)
            throw new KamiException(ErrorKind.InvalidInput, "--no-auth and oauth_issuer were both given; drop --no-auth to require tokens, or unset oauth_issuer");
        if (!options.NoAuth && string.IsNullOrEmpty(options.Token))
            throw new KamiException(ErrorKind.InvalidInput,
                $"refusing to serve on {endpoint.Address} without a token: anyone who can reach it could run your tools. "
                + "Pass --token-file <file> (or set KAMI_TOKEN), or --no-auth on 127.0.0.1");
        var token = options.NoAuth ? null : BearerToken.Check(options.Token!, "the server options");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        ServerLogging.Configure(builder.Logging, options.LogLevel);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(endpoint.Address, endpoint.Port);
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        if (endpoint.IsLoopback)
            builder.Services.AddHostFiltering(o => o.AllowedHosts = ["localhost", "127.0.0.1", "[::1]"]);
        builder.Services.AddHttpContextAccessor();
        builder.Configuration.AddInMemoryCollection(KamiTelemetry.OtelVariables());
        builder.Services.AddKamiTelemetry(options.Telemetry, aspNetCore: true);
        builder.Services.AddSingleton<IReadinessCheck, RegistryReadiness>();
        builder.Services.AddSingleton<IReadinessCheck, CatalogReadiness>();
        if (options.OAuth is { } oauth) builder.Services.AddKamiOAuth(oauth);
        builder.Services.AddKamiMcp(options, registry, auditLog, options.Stateless ? "http-stateless" : "http")
            .WithHttpTransport(o => o.SessionMode = options.Stateless ? HttpServerSessionMode.Stateless : HttpServerSessionMode.StatefulForInitializeClients)
            .WithRequestFilters(filters => filters.AddCallToolFilter(next => async (context, cancellation) =>
            {
                // In a session the SDK cancels a call only on notifications/cancelled, but its own C# client cancels by
                // closing the POST's response stream, and a client that goes away does the same. With no event store
                // the result can then never be delivered, so a closed stream cancels the call (and frees its worker).
                var http = context.Services?.GetService<IHttpContextAccessor>()?.HttpContext;
                // The client's W3C trace context, for the call's span when no request activity carries it.
                if (http is not null && KamiTracing.Source.HasListeners())
                    IncomingTraceContext.Set(KamiTracing.Parse(http.Request.Headers.TraceParent, http.Request.Headers.TraceState));
                var aborted = http?.RequestAborted ?? CancellationToken.None;
                if (!aborted.CanBeCanceled) return await next(context, cancellation).ConfigureAwait(false);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, aborted);
                return await next(context, linked.Token).ConfigureAwait(false);
            }));

        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        if (endpoint.IsLoopback) app.UseHostFiltering();
        app.UseMiddleware<OriginGuardMiddleware>(options.AllowedOrigins);
        if (token is not null)
        {
            var tokenLogger = app.Services.GetRequiredService<ILogger<BearerTokenMiddleware>>();
            // With OAuth, the SDK's handler serves the protected resource metadata here, before any token is asked for.
            if (options.OAuth is not null) app.UseAuthentication();
            app.Use(next => new BearerTokenMiddleware(next, token, OpenPaths(options.Telemetry), options.Clients, options.OAuth, tokenLogger).InvokeAsync);
        }
        app.UseMiddleware<BodyLimitMiddleware>(options.MaxRequestBodyBytes);
        app.MapMcp(Path);
        HealthEndpoints.Map(app);
        if (options.Telemetry.Prometheus) app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    // The probes answer anyone (they reveal nothing); /metrics only when the operator opened it for a scraper.
    private static HashSet<string> OpenPaths(TelemetryOptions telemetry)
    {
        var open = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { HealthEndpoints.Liveness, HealthEndpoints.Readiness };
        if (telemetry.Prometheus && telemetry.MetricsPublic) open.Add(MetricsPath);
        return open;
    }
}
