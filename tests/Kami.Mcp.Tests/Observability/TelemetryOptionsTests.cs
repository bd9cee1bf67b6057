using Kami.Mcp.Observability;

namespace Kami.Mcp.Tests.Observability;

/// <summary>OTLP is on only when the standard variables name a collector, and OTEL_SDK_DISABLED wins.</summary>
public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("http://collector:4317", null, null, true)]
    [InlineData("  ", null, null, false)]
    [InlineData(null, "http://collector:4318/v1/traces", null, true)]
    [InlineData("http://collector:4317", null, "true", false)]
    [InlineData("http://collector:4317", null, "TRUE", false)]
    [InlineData("http://collector:4317", null, "false", true)]
    public void OtlpConfigured_FollowsTheStandardVariables(string? endpoint, string? tracesEndpoint, string? disabled, bool expected)
    {
        var env = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = tracesEndpoint,
            ["OTEL_SDK_DISABLED"] = disabled,
        };

        Assert.Equal(expected, TelemetryOptions.OtlpConfigured(name => env.GetValueOrDefault(name)));
    }
}
