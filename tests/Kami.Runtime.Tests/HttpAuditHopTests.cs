using System.Net;
using System.Text;
using System.Text.Json;
using Kami.Core.Security;
using Kami.Core.Security.Network;
using Kami.Runtime.Contracts;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>
/// What a call's metrics record of its outbound requests (the audit log's source): every hop with its host, status or
/// error case and body bytes, refusals as not contacted, and never a path, query or credential.
/// </summary>
public sealed class HttpAuditHopTests(HttpRuntimeFixture fixture) : IClassFixture<HttpRuntimeFixture>
{
    private static Task Text(HttpListenerContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(body);
        return context.Response.OutputStream.WriteAsync(bytes).AsTask();
    }

    private static Task Redirect(HttpListenerContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.RedirectLocation = location;
        return Task.CompletedTask;
    }

    private static ExecutionRequest Fetch(Dictionary<string, string> input, params string[] hosts) =>
        new("test.http-fetch", RepoPaths.Fixture("http_fetch.wasm"),
            SecurityPolicy.DenyAll with { NetAllowList = hosts, MaxExecutionMs = 30_000 },
            JsonSerializer.Serialize(input, HttpTestJson.Default.DictionaryStringString));

    [Fact]
    public async Task Fetch_RedirectFollowed_RecordsEveryHopWithStatusAndBytes()
    {
        using var target = new LoopbackHttpServer(c => Text(c, 200, "landed"));
        using var server = new LoopbackHttpServer(c => Redirect(c, 307, $"http://127.0.0.1:{target.Port}/there"));

        var input = new Dictionary<string, string> { ["url"] = $"http://localhost:{server.Port}/go", ["method"] = "POST", ["body"] = "1234" };
        var result = await fixture.Loopback.ExecuteAsync(Fetch(input, "localhost", "127.0.0.1"));

        Expect.Success(result);
        var exchange = Assert.Single(result.Metrics.Http);
        Assert.Equal(
            [new HttpHop("POST", "localhost", true, 307, null, 4, 0), new HttpHop("POST", "127.0.0.1", true, 200, null, 4, 6)],
            exchange.Hops);
        Assert.Equal((1, 8L, 6L), (result.Metrics.HttpRequests, result.Metrics.HttpBytesSent, result.Metrics.HttpBytesReceived));
    }

    [Fact]
    public async Task Fetch_RedirectToDeniedHost_RecordsTargetNotContacted()
    {
        using var target = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));
        using var server = new LoopbackHttpServer(c => Redirect(c, 302, $"http://127.0.0.1:{target.Port}/secret?key=abc"));

        var result = await fixture.Loopback.ExecuteAsync(Fetch(new() { ["url"] = $"http://localhost:{server.Port}/go" }, "localhost"));

        Assert.IsType<ExecutionResult.Failed>(result);
        Assert.Equal(
            [new HttpHop("GET", "localhost", true, 302, null, 0, 0), new HttpHop("GET", "127.0.0.1", false, null, "denied", 0, 0)],
            Assert.Single(result.Metrics.Http).Hops);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task Fetch_PrivateAddressAtConnect_RecordedNotContacted()
    {
        // The default runtime allows no private address: localhost is on the list, but its address is refused at connect.
        using var server = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));

        var result = await fixture.Default.ExecuteAsync(Fetch(new() { ["url"] = $"http://localhost:{server.Port}/" }, "localhost"));

        Assert.IsType<ExecutionResult.Failed>(result);
        Assert.Equal(new HttpHop("GET", "localhost", false, null, "denied", 0, 0), Assert.Single(Assert.Single(result.Metrics.Http).Hops));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_OversizeResponse_RecordsBytesReadBeforeTheStop()
    {
        using var server = new LoopbackHttpServer(async c =>
        {
            c.Response.SendChunked = true;
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 80; i++) await c.Response.OutputStream.WriteAsync(chunk);
        });

        var result = await fixture.Loopback.ExecuteAsync(Fetch(new() { ["url"] = $"http://localhost:{server.Port}/big" }, "localhost"));

        var hop = Assert.Single(Assert.Single(result.Metrics.Http).Hops);
        Assert.Equal(("too-large", 200, true), (hop.Error, hop.Status, hop.Contacted));
        // Read up to and including the chunk that crossed the 4 MiB bound, no further.
        Assert.InRange(hop.BytesReceived, (4L << 20) + 1, (4L << 20) + (64 << 10));
    }

    [Fact]
    public async Task Fetch_InvalidMethod_RecordedAgainstItsHostNotContacted()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));

        var result = await fixture.Loopback.ExecuteAsync(Fetch(new() { ["url"] = $"http://user:pw@localhost:{server.Port}/a?b=c", ["method"] = "BREW" }, "localhost"));

        Assert.Equal(new HttpHop("BREW", "localhost", false, null, "invalid", 0, 0), Assert.Single(Assert.Single(result.Metrics.Http).Hops));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_InjectedCredential_NeverInTheRecord()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "ok"));
        using var runtime = HttpRuntimeFixture.WithCredential($"localhost:{server.Port}");

        var result = await runtime.ExecuteAsync(Fetch(new() { ["url"] = $"http://localhost:{server.Port}/p?token=q" }, "localhost"));

        Expect.Success(result);
        Assert.Equal(HttpRuntimeFixture.Secret, Assert.Single(server.Requests).Headers["authorization"]);
        var recorded = string.Join("\n", result.Metrics.Http.SelectMany(e => e.Hops).Select(h => h.ToString()));
        Assert.DoesNotContain("s3cret", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("token", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("/p", recorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_NoHttp_MetricsHttpEmptyAndShared()
    {
        var result = await fixture.Loopback.ExecuteAsync(new ExecutionRequest("dev.kami.echo", Path.Combine(RepoPaths.Example("echo"), "echo.wasm"),
            SecurityPolicy.DenyAll, "{\"text\":\"hi\"}"));

        Expect.Success(result);
        Assert.Same(Array.Empty<HttpExchange>(), result.Metrics.Http);
        Assert.Equal((0, 0L, 0L), (result.Metrics.HttpRequests, result.Metrics.HttpBytesSent, result.Metrics.HttpBytesReceived));
    }
}
