using System.Collections;
using Kami.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kami.Mcp.Observability;

/// <summary>
/// Wires the "Kami" meter and activity source to OpenTelemetry: OTLP (configured by the standard <c>OTEL_*</c>
/// variables) and the Prometheus scrape endpoint, as <see cref="TelemetryOptions"/> asks. With both off nothing is
/// registered, so no listener exists and tool calls create no spans.
/// </summary>
public static class KamiTelemetry
{
    /// <summary>The MCP SDK's source: its server span carries the trace context a client sends in a request's <c>_meta</c>.</summary>
    private const string McpSdkSource = "Experimental.ModelContextProtocol";

    /// <summary>Registers OpenTelemetry when <paramref name="options"/> turns anything on; <paramref name="aspNetCore"/> adds the HTTP server's request spans.</summary>
    public static void AddKamiTelemetry(this IServiceCollection services, TelemetryOptions options, bool aspNetCore)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Otlp && !options.Prometheus) return;
        var otel = services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            // OTEL_SERVICE_NAME (read by the SDK) wins over the default name.
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
                resource.AddService("kami", serviceVersion: KamiVersion.Current);
        });
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(KamiMetrics.MeterName);
            // Not ASP.NET Core's HTTP server metrics: per-request work on every call for figures the balancer in
            // front reports anyway.
            // No response cache: a scrape right after a call shows it (scrapes are authenticated and seconds apart).
            if (options.Prometheus) metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (options.Otlp) metrics.AddOtlpExporter();
        });
        if (options.Otlp)
        {
            otel.WithTracing(tracing =>
            {
                tracing.AddSource(KamiTracing.SourceName, McpSdkSource);
                if (aspNetCore) tracing.AddAspNetCoreInstrumentation();
                tracing.AddOtlpExporter();
            });
        }
    }

    /// <summary>The process's <c>OTEL_*</c> variables, for a host whose configuration does not read the environment (the SDK reads them from configuration).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> OtelVariables()
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry.Key is string name && name.StartsWith("OTEL_", StringComparison.Ordinal))
                yield return new(name, entry.Value as string);
    }
}
