using System.Net;
using System.Net.Http.Headers;
using Kami.Mcp.Observability;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>The Prometheus endpoint: behind the MCP token unless made public, counting calls, showing no argument or secret.</summary>
public sealed class MetricsEndpointTests
{
    private static Task<InMemoryHttpKami> StartAsync(string toolId, bool metricsPublic)
    {
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(toolId, Tools.Text()));
        return InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo(),
            o => o with { Telemetry = new TelemetryOptions { Prometheus = true, MetricsPublic = metricsPublic } });
    }

    [Fact]
    public async Task Metrics_NeedsTheTokenAndCountsACallWithoutItsArguments()
    {
        const string id = "test.kami.metered";
        await using var kami = await StartAsync(id, metricsPublic: false);
        using var http = kami.CreateHttpClient();
        var metrics = new Uri(kami.Url, "/metrics");

        using (var anonymous = await http.GetAsync(metrics))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var wrong = await http.SendAsync(Get(metrics, "wrong-token-0123456789abcdef-0123456789")))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var client = await kami.ConnectAsync();
        var result = await client.CallToolAsync(id, new Dictionary<string, object?> { ["text"] = "secret-argument-value" });
        Assert.NotEqual(true, result.IsError);

        using var response = await http.SendAsync(Get(metrics, InMemoryHttpKami.Token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var calls = text.Split('\n').Where(line => line.StartsWith("kami_tool_calls_total{", StringComparison.Ordinal) && line.Contains($"tool=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.True(calls.Count == 1, "no kami_tool_calls_total line for the tool in:\n" + text);
        Assert.Contains("outcome=\"ok\"", calls[0], StringComparison.Ordinal);
        Assert.EndsWith(" 1", calls[0].Split(" # ")[0].TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("kami_tool_duration_milliseconds_bucket{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-argument-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain(InMemoryHttpKami.Token, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_Public_ServedWithoutTokenWhileMcpStillNeedsIt()
    {
        await using var kami = await StartAsync("test.kami.public", metricsPublic: true);
        using var http = kami.CreateHttpClient();

        using var metrics = await http.GetAsync(new Uri(kami.Url, "/metrics"));
        using var mcp = await http.GetAsync(kami.Url);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
    }

    [Fact]
    public async Task Metrics_PrometheusOff_NotServed()
    {
        var registry = new FakeRegistry();
        await using var kami = await InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo());
        using var http = kami.CreateHttpClient();

        using var response = await http.SendAsync(Get(new Uri(kami.Url, "/metrics"), InMemoryHttpKami.Token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static HttpRequestMessage Get(Uri uri, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
