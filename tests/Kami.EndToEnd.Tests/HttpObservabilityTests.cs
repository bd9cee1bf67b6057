using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Kami.EndToEnd.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static Kami.EndToEnd.Tests.Infrastructure.KamiHome;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// Issue 20 part 7 against the kami users run (on CI the NativeAOT binary): the probes answer without a token, /metrics
/// needs it (or metrics_public), counts a real call, and a call's span reaches an OTLP collector in the client's trace.
/// The rest is tested in memory (ProbeTests, MetricsEndpointTests, CallSpanTests in Kami.Mcp.Tests).
/// </summary>
public sealed class HttpObservabilityTests
{
    private const string Token = "e2e-token-0123456789abcdef-0123456789abcdef";

    [Fact]
    public async Task Serve_Http_ProbesOpenMetricsBehindTheTokenCountingACall()
    {
        using var home = new KamiHome();
        await home.InstallEchoAsync();
        var env = new Dictionary<string, string?> { ["KAMI_TOKEN"] = Token };
        await using var served = await HttpServedKami.StartAsync(home, ["--stateless"], env, clientToken: Token);
        using var http = new HttpClient();

        using (var healthz = await http.GetAsync(new Uri(served.Url, "/healthz")))
            Assert.Equal("ok", await healthz.Content.ReadAsStringAsync());
        using (var readyz = await http.GetAsync(new Uri(served.Url, "/readyz")))
            Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        using (var anonymous = await http.GetAsync(new Uri(served.Url, "/metrics")))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        await using (var client = await McpClient.CreateAsync(served.CreateTransport(), ClientOptions.Current()))
            Assert.NotEqual(true, (await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "counted" })).IsError);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(served.Url, "/metrics"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(text.Split('\n'), line => line.StartsWith("kami_tool_calls_total{", StringComparison.Ordinal)
            && line.Contains($"tool=\"{EchoId}\"", StringComparison.Ordinal) && line.Contains("outcome=\"ok\"", StringComparison.Ordinal));
        Assert.DoesNotContain("counted", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_Http_MetricsPublic_ServedWithoutToken()
    {
        using var home = new KamiHome();
        var env = new Dictionary<string, string?> { ["KAMI_TOKEN"] = Token, ["KAMI_METRICS_PUBLIC"] = "true" };
        await using var served = await HttpServedKami.StartAsync(home, ["--stateless"], env, clientToken: Token);
        using var http = new HttpClient();

        using var metrics = await http.GetAsync(new Uri(served.Url, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task Serve_Http_OtlpConfigured_CallSpanReachesTheCollectorInTheClientsTrace()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var home = new KamiHome();
        await home.InstallEchoAsync();
        using var collector = new FakeCollector();
        var env = new Dictionary<string, string?>
        {
            ["KAMI_TOKEN"] = Token,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        };
        await using var served = await HttpServedKami.StartAsync(home, ["--stateless"], env, clientToken: Token);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = served.Url,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token, ["traceparent"] = $"00-{traceId}-00f067aa0ba902b7-01" },
        });
        await using (var client = await McpClient.CreateAsync(transport, ClientOptions.Current()))
            await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "traced" });

        // OTLP/protobuf carries the trace id as 16 raw bytes and the span name as text.
        var span = await collector.WaitForAsync("/v1/traces", body => Contains(body, Convert.FromHexString(traceId))
            && Contains(body, System.Text.Encoding.UTF8.GetBytes($"tools/call {EchoId}")), TimeSpan.FromSeconds(30));
        Assert.False(Contains(span, System.Text.Encoding.UTF8.GetBytes("traced")), "the span carries the call's argument");
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>An OTLP/HTTP endpoint on loopback that keeps every request body by path.</summary>
    private sealed class FakeCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();

        public FakeCollector()
        {
            var port = FreePort();
            Url = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Url + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public async Task<byte[]> WaitForAsync(string path, Func<byte[], bool> match, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                foreach (var (p, body) in _received)
                    if (p == path && match(body)) return body;
                await Task.Delay(100);
            }
            throw new TimeoutException($"no matching {path} export within {timeout}; received: {string.Join(", ", _received.Select(r => $"{r.Path} ({r.Body.Length} bytes)"))}");
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public void Dispose() => _listener.Close();
    }
}
