using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Security.Network;
using Kami.Runtime.Contracts;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>
/// kami:http/outgoing end to end: a C guest (http_fetch) calls fetch against loopback servers that log every
/// request, so each refusal also shows that nothing reached a server it should not have.
/// </summary>
public sealed class HttpFetchTests(HttpRuntimeFixture fixture) : IClassFixture<HttpRuntimeFixture>
{
    private static Task Text(HttpListenerContext context, int status, string body, string type = "text/plain")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        var bytes = Encoding.UTF8.GetBytes(body);
        return context.Response.OutputStream.WriteAsync(bytes).AsTask();
    }

    private static ExecutionRequest Fetch(object input, params string[] hosts) => Fetch(input, 30_000, hosts);

    private static ExecutionRequest Fetch(object input, int maxMs, params string[] hosts) =>
        new("test.http-fetch", RepoPaths.Fixture("http_fetch.wasm"),
            SecurityPolicy.DenyAll with { NetAllowList = hosts, MaxExecutionMs = maxMs },
            JsonSerializer.Serialize(input, HttpTestJson.Default.DictionaryStringString));

    private static Dictionary<string, string> Input(string url, params (string Key, string Value)[] more)
    {
        var input = new Dictionary<string, string> { ["url"] = url };
        foreach (var (key, value) in more) input[key] = value;
        return input;
    }

    [Fact]
    public async Task Fetch_AllowedHost_ReturnsTextBody()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "hello from loopback"));

        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/hi?x=1"), "localhost"));

        var output = Expect.Success(result);
        Assert.StartsWith("status=200 kind=text len=19 ", output);
        Assert.EndsWith("body=hello from loopback", output);
        var logged = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/hi?x=1"), (logged.Method, logged.Path));
    }

    [Fact]
    public async Task Fetch_TwoRequests_MetricsRecordHostStatusAndBytes()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "hello"));

        var input = Input($"http://localhost:{server.Port}/secret-path?token=abc", ("method", "POST"), ("body", "12345678"), ("times", "2"));
        var result = await fixture.Loopback.ExecuteAsync(Fetch(input, "localhost"));

        Expect.Success(result);
        Assert.Equal(2, result.Metrics.Http.Count);
        Assert.All(result.Metrics.Http, e => Assert.Equal(new HttpHop("POST", "localhost", true, 200, null, 8, 5), Assert.Single(e.Hops)));
    }

    [Fact]
    public async Task Fetch_Denied_MetricsRecordTheRefusal()
    {
        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input("http://169.254.169.254/latest/meta-data/"), "localhost"));

        Assert.Equal(new HttpHop("GET", "169.254.169.254", false, null, "denied", 0, 0), Assert.Single(Assert.Single(result.Metrics.Http).Hops));
    }

    [Fact]
    public async Task Fetch_NotFound_IsAResponseNotAnError()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 404, "nope"));

        var output = Expect.Success(await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/missing"), "localhost")));

        Assert.StartsWith("status=404 kind=text len=4", output);
    }

    [Fact]
    public async Task Fetch_PostWithBodyAndHeader_ServerReceivesBoth()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 201, "made"));

        var input = Input($"http://localhost:{server.Port}/items", ("method", "POST"), ("body", "{\"a\":1}"), ("header", "X-Tool"), ("value", "abc"));
        var output = Expect.Success(await fixture.Loopback.ExecuteAsync(Fetch(input, "localhost")));

        Assert.StartsWith("status=201", output);
        var logged = Assert.Single(server.Requests);
        Assert.Equal("POST", logged.Method);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(logged.Body));
        Assert.Equal("abc", logged.Headers["x-tool"]);
    }

    [Fact]
    public async Task Fetch_BinaryBody_ReturnsBytes()
    {
        using var server = new LoopbackHttpServer(c => c.Response.OutputStream.WriteAsync(new byte[] { 0xff, 0xfe, 0x00, 0x80 }).AsTask());

        var output = Expect.Success(await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/bin"), "localhost")));

        Assert.StartsWith("status=200 kind=bytes len=4", output);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("*.localhost")]
    public async Task Fetch_HostNotListed_DeniedAndNothingSent(string listed)
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));

        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/"), listed));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied: host localhost is not on the tool's net_allow_list");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_ToolWithNoList_Denied()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));

        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/")));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied:", "declares no hosts");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_ListedNameResolvingToLoopbackWithoutOperatorAllowance_DeniedAndNothingSent()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));

        var result = await fixture.Default.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/"), "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied:", "loopback", "net_allow_private");
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("http://2130706433:{0}/")]
    [InlineData("http://0x7f.1:{0}/")]
    [InlineData("http://127.1:{0}/")]
    [InlineData("http://localhost@127.0.0.1:{0}/")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://localhost:{0}/")]
    [InlineData("ftp://localhost:{0}/")]
    public async Task Fetch_UrlTricks_DeniedAndNothingSent(string url)
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));

        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input(string.Format(url, server.Port)), "localhost", "127.0.0.2"));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied:");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_HostHeaderOverride_Invalid()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));

        var input = Input($"http://localhost:{server.Port}/", ("header", "Host"), ("value", "metadata.internal"));
        var result = await fixture.Loopback.ExecuteAsync(Fetch(input, "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "invalid: header Host");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_RedirectToDeniedHost_DeniedAfterFirstHop()
    {
        using var target = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));
        using var server = new LoopbackHttpServer(c =>
        {
            c.Response.StatusCode = 302;
            c.Response.RedirectLocation = $"http://127.0.0.1:{target.Port}/secret";
            return Task.CompletedTask;
        });

        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/go"), "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied: redirect to", "127.0.0.1 is not on the tool's net_allow_list");
        Assert.Single(server.Requests);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task Fetch_RedirectToAllowedHost_Followed()
    {
        using var target = new LoopbackHttpServer(c => Text(c, 200, "landed"));
        using var server = new LoopbackHttpServer(c =>
        {
            c.Response.StatusCode = 307;
            c.Response.RedirectLocation = $"http://localhost:{target.Port}/there";
            return Task.CompletedTask;
        });

        var output = Expect.Success(await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/go"), "localhost")));

        Assert.EndsWith("body=landed", output);
        Assert.Equal("/there", Assert.Single(target.Requests).Path);
    }

    [Fact]
    public async Task Fetch_OversizeResponse_TooLarge()
    {
        using var server = new LoopbackHttpServer(async c =>
        {
            c.Response.SendChunked = true; // no Content-Length: the host must stop reading at the bound
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 80; i++) await c.Response.OutputStream.WriteAsync(chunk);
        });

        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/big"), "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "too-large:", "4,194,304");
    }

    [Fact]
    public async Task Fetch_BinaryResponseOverBinaryBound_TooLarge()
    {
        var data = new byte[(1 << 20) + 1];
        Array.Fill(data, (byte)0xff);
        using var server = new LoopbackHttpServer(c => c.Response.OutputStream.WriteAsync(data).AsTask());

        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/bin"), "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "too-large:", "binary", "1,048,576");
    }

    [Fact]
    public async Task Fetch_BytesRequestBodyOverLimit_TooLargeAndNothingSent()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "should not be reached"));

        var input = Input($"http://localhost:{server.Port}/", ("method", "POST"), ("bytes", ((1 << 20) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var result = await fixture.Loopback.ExecuteAsync(Fetch(input, "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "too-large:", "request body");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_BytesRequestBody_ServerReceivesBytes()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "ok"));

        var input = Input($"http://localhost:{server.Port}/", ("method", "PUT"), ("bytes", "1000"));
        Expect.Success(await fixture.Loopback.ExecuteAsync(Fetch(input, "localhost")));

        Assert.Equal(new byte[1000], Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task Fetch_SlowServer_RequestTimeout()
    {
        LoopbackHttpServer? self = null;
        using var server = self = new LoopbackHttpServer(async c => await Task.Delay(Timeout.Infinite, self!.Stopping));

        var clock = Stopwatch.StartNew();
        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/slow", ("timeout", "300")), "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "timeout:");
        Assert.InRange(clock.ElapsedMilliseconds, 250, 5_000);
    }

    [Fact]
    public async Task Fetch_SlowServer_BoundedByToolWallClock()
    {
        LoopbackHttpServer? self = null;
        using var server = self = new LoopbackHttpServer(async c => await Task.Delay(Timeout.Infinite, self!.Stopping));

        var clock = Stopwatch.StartNew();
        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/slow"), 400, "localhost"));

        Assert.IsType<ExecutionResult.Failed>(result);
        Assert.InRange(clock.ElapsedMilliseconds, 300, 5_000); // not the 10 s default request timeout
    }

    [Fact]
    public async Task Fetch_SlowDripResponseBody_EndsAtTheToolTimeLimit()
    {
        // The request has no timeout of its own, so the call's 1,000 ms bound it; the call must end there, not after
        // the host has drained the rest of the body.
        using var server = LoopbackHttpServer.DrippingBody(TimeSpan.FromMilliseconds(100));
        var request = Fetch(Input($"http://localhost:{server.Port}/drip"), 1_000, "localhost");
        fixture.Loopback.Precompile(request.ToolId, request.WasmFile, null); // compiling is not the call's time

        for (var attempt = 1; ; attempt++)
        {
            var clock = Stopwatch.StartNew();
            var result = await fixture.Loopback.ExecuteAsync(request);
            var elapsed = clock.ElapsedMilliseconds;

            Expect.Failure(result, ErrorKind.LimitExceeded, "time limit", "1000 ms", "max_execution_ms");
            // Headers that came after the time limit (a loaded machine) test another case: such a run is tried again.
            var hop = Assert.Single(Assert.Single(result.Metrics.Http).Hops);
            if (hop is not { Status: 200, BytesReceived: > 0 } && attempt < 3) continue;
            Assert.Equal(200, hop.Status);
            Assert.InRange(elapsed, 950, 1_600); // a drain adds 2,000 ms
            return;
        }
    }

    [Fact]
    public async Task Fetch_EndedByTheCallsTimeLimit_IsTheTimeLimitEvenWhenTheGuestReturnsFirst()
    {
        // The guest sees its request time out and returns an error before any epoch tick could stop it (no ticks
        // here; on a loaded machine, a late one). The call still ended at its limit, not by the tool's choice.
        using var server = LoopbackHttpServer.DrippingBody(TimeSpan.FromMilliseconds(100));
        using var runtime = HttpRuntimeFixture.WithoutEpochTicks();
        var request = Fetch(Input($"http://localhost:{server.Port}/drip"), 500, "localhost");
        runtime.Precompile(request.ToolId, request.WasmFile, null);

        Expect.Failure(await runtime.ExecuteAsync(request), ErrorKind.LimitExceeded, "time limit", "500 ms", "max_execution_ms");
    }

    [Fact]
    public async Task Fetch_CredentialForHostAndPort_InjectedReplacingGuestHeader()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "ok"));
        using var runtime = HttpRuntimeFixture.WithCredential($"localhost:{server.Port}");

        var input = Input($"http://localhost:{server.Port}/", ("header", "authorization"), ("value", "guest-chosen"));
        Expect.Success(await runtime.ExecuteAsync(Fetch(input, "localhost")));

        var logged = Assert.Single(server.Requests);
        Assert.Equal(HttpRuntimeFixture.Secret, logged.Headers["authorization"]);
    }

    [Fact]
    public async Task Fetch_CredentialForHostAlone_NotSentToAnotherPortOfIt()
    {
        // The fixture's credential names localhost without a port: its default port, not this server's.
        using var server = new LoopbackHttpServer(c => Text(c, 200, "ok"));

        Expect.Success(await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/"), "localhost")));

        Assert.False(Assert.Single(server.Requests).Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task Fetch_CredentialRedirectToOtherHost_NotSentThere()
    {
        using var target = new LoopbackHttpServer(c => Text(c, 200, "landed"));
        using var server = new LoopbackHttpServer(c =>
        {
            c.Response.StatusCode = 302;
            c.Response.RedirectLocation = $"http://127.0.0.1:{target.Port}/elsewhere";
            return Task.CompletedTask;
        });
        using var runtime = HttpRuntimeFixture.WithCredential($"localhost:{server.Port}");

        Expect.Success(await runtime.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/"), "localhost", "127.0.0.1")));

        Assert.Equal(HttpRuntimeFixture.Secret, Assert.Single(server.Requests).Headers["authorization"]);
        Assert.False(Assert.Single(target.Requests).Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task Fetch_CredentialOtherTool_NotSent()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "ok"));
        using var runtime = HttpRuntimeFixture.WithCredential($"localhost:{server.Port}");

        var request = Fetch(Input($"http://localhost:{server.Port}/"), "localhost") with { ToolId = "test.other-tool" };
        Expect.Success(await runtime.ExecuteAsync(request));

        Assert.False(Assert.Single(server.Requests).Headers.ContainsKey("authorization"));
    }

    [Fact]
    public async Task Fetch_MoreThanSixteenRequests_Denied()
    {
        using var server = new LoopbackHttpServer(c => Text(c, 200, "ok"));

        var result = await fixture.Loopback.ExecuteAsync(Fetch(Input($"http://localhost:{server.Port}/", ("times", "17")), "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied: at most 16 requests per call");
        Assert.Equal(16, server.Requests.Count);
    }
}
