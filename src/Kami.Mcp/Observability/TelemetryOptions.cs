namespace Kami.Mcp.Observability;

/// <summary>
/// What <c>kami serve</c> exports. All off by default, so stdio pays nothing: OTLP only when the standard
/// <c>OTEL_EXPORTER_OTLP_*ENDPOINT</c> variables name a collector, Prometheus only on the HTTP server.
/// </summary>
public sealed record TelemetryOptions
{
    /// <summary>Nothing exported, no listener: the "Kami" spans are never created.</summary>
    public static TelemetryOptions Off { get; } = new();

    /// <summary>Export traces and metrics over OTLP, configured by the standard <c>OTEL_*</c> variables.</summary>
    public bool Otlp { get; init; }

    /// <summary>Serve <c>/metrics</c> in the Prometheus text format (HTTP server only).</summary>
    public bool Prometheus { get; init; }

    /// <summary>Serve <c>/metrics</c> without the bearer token (a scraper on a private network); off: the MCP token is required.</summary>
    public bool MetricsPublic { get; init; }

    /// <summary>Whether the environment names an OTLP collector (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or a per-signal endpoint) and OTel is not disabled (<c>OTEL_SDK_DISABLED</c>).</summary>
    public static bool OtlpConfigured(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.Equals(environment("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase)) return false;
        return new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT" }
            .Any(name => !string.IsNullOrWhiteSpace(environment(name)));
    }
}
