using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kami.Core.Errors;
using Kami.Mcp.Hosting;
using Kami.Mcp.Hosting.Http;
using Kami.Mcp.Tools;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>
/// The HTTP pipeline in front of MCP, in memory: bearer token, Origin and Host checks, the body limit, stateless mode,
/// and what <see cref="HttpServer.Build"/> refuses to build.
/// </summary>
public sealed class HttpSecurityTests
{
    private const string EchoId = "dev.kami.echo";

    private const string InitializeBody = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
        """;

    private static Task<InMemoryHttpKami> StartAsync(Func<ServeOptions, ServeOptions>? configure = null, IToolExecutor? executor = null)
    {
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(EchoId, Tools.Text()));
        return InMemoryHttpKami.StartAsync(registry, executor ?? FakeExecutor.Echo(), configure);
    }

    [Fact]
    public async Task Http_TokenConfigured_RequiredAndTheRightOneWorks()
    {
        await using var kami = await StartAsync();
        using var http = kami.CreateHttpClient();

        using (var response = await http.SendAsync(Initialize(kami.Url)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        foreach (var wrong in new[] { "Bearer wrong-token-0123456789abcdef", "Bearer " + InMemoryHttpKami.Token + "x", "Basic " + InMemoryHttpKami.Token, InMemoryHttpKami.Token })
        {
            var request = Initialize(kami.Url);
            request.Headers.TryAddWithoutValidation("Authorization", wrong);
            using var response = await http.SendAsync(request);
            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"Authorization: {wrong} gave {response.StatusCode}");
        }
        Assert.Contains(kami.Log.WithEvent(1001), m => m.Contains("no Authorization header", StringComparison.Ordinal));
        Assert.Contains(kami.Log.WithEvent(1001), m => m.Contains("wrong bearer token", StringComparison.Ordinal));

        // The SDK client with a wrong token cannot connect; with the right one it lists and calls.
        await Assert.ThrowsAnyAsync<Exception>(() => kami.ConnectAsync("wrong-token-0123456789abcdef"));
        var client = await kami.ConnectAsync();
        Assert.Equal([EchoId], (await client.ListToolsAsync()).Select(t => t.Name));
        var result = await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "authorized" });
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("authorized", result.StructuredContent?.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Http_NoAuthOnLoopback_ServesWithoutToken()
    {
        await using var kami = await StartAsync(o => o with { Token = null, NoAuth = true });
        using var http = kami.CreateHttpClient();

        using var response = await http.SendAsync(Initialize(kami.Url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Http_ForeignOriginOrHost_403Or400WhileLoopbackPasses()
    {
        await using var kami = await StartAsync(o => o with { Token = null, NoAuth = true });
        using var http = kami.CreateHttpClient();

        var evil = Initialize(kami.Url);
        evil.Headers.Add("Origin", "http://evil.example");
        using (var response = await http.SendAsync(evil))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(kami.Log.WithEvent(1002), m => m.Contains("origin http://evil.example is not allowed", StringComparison.Ordinal));

        var rebound = Initialize(kami.Url);
        rebound.Headers.Host = "evil.example:" + kami.Url.Port;
        using (var response = await http.SendAsync(rebound))
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var local = Initialize(kami.Url);
        local.Headers.Add("Origin", $"http://localhost:{kami.Url.Port}");
        local.Headers.Host = "localhost:" + kami.Url.Port;
        using (var response = await http.SendAsync(local))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"serverInfo\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Http_OriginInAllowedOrigins_Passes()
    {
        await using var kami = await StartAsync(o => o with { Token = null, NoAuth = true, AllowedOrigins = ["https://app.example"] });
        using var http = kami.CreateHttpClient();

        var allowed = Initialize(kami.Url);
        allowed.Headers.Add("Origin", "https://APP.example");
        using var response = await http.SendAsync(allowed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Http_BodyOverLimit_413AndLoggedWhetherDeclaredOrStreamed()
    {
        await using var kami = await StartAsync(o => o with { MaxRequestBodyBytes = 1024 });
        using var http = kami.CreateHttpClient();
        var big = new string(' ', 2048) + InitializeBody;

        var declared = Initialize(kami.Url, big);
        declared.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InMemoryHttpKami.Token);
        using (var response = await http.SendAsync(declared))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            // The unread body ends the connection; without this the next request could go out on it and be lost.
            Assert.True(response.Headers.ConnectionClose, "a 413 for an unread body must say the connection closes");
        }

        // No Content-Length: Kestrel stops reading at the limit.
        var streamed = Initialize(kami.Url, big);
        streamed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InMemoryHttpKami.Token);
        streamed.Headers.TransferEncodingChunked = true;
        using (var response = await http.SendAsync(streamed))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        Assert.Equal(2, kami.Log.WithEvent(1003).Count(m => m.Contains("larger than 1024 bytes", StringComparison.Ordinal)));

        var small = Initialize(kami.Url);
        small.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InMemoryHttpKami.Token);
        using (var response = await http.SendAsync(small))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Http_StatelessMode_ServesCallsWithoutASession()
    {
        await using var kami = await StartAsync(o => o with { Stateless = true });
        using var http = kami.CreateHttpClient();

        var initialize = Initialize(kami.Url);
        initialize.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InMemoryHttpKami.Token);
        using (var response = await http.SendAsync(initialize))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Mcp-Session-Id"), "a stateless server handed out a session");
        }

        var client = await kami.ConnectAsync();
        var result = await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "stateless" });
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("stateless", result.StructuredContent?.GetProperty("text").GetString());
        var invalid = await client.CallToolAsync(EchoId, new Dictionary<string, object?>());
        Assert.True(invalid.IsError);
        Assert.Contains("'text'", invalid.Content.OfType<TextContentBlock>().Single().Text, StringComparison.Ordinal);
    }

    /// <summary>Liveness probes (balancers, Kubernetes) carry no token: /healthz answers either way, and says nothing more (ProbeTests).</summary>
    [Fact]
    public async Task Http_Healthz_AnswersOkWithOrWithoutTheToken()
    {
        await using var kami = await StartAsync();
        using var http = kami.CreateHttpClient();
        var healthz = new Uri(kami.Url, "/healthz");

        using (var anonymous = await http.GetAsync(healthz))
            Assert.Equal("ok", await anonymous.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, healthz);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", InMemoryHttpKami.Token);
        using var response = await http.SendAsync(request);

        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("0.0.0.0:0")]
    [InlineData("[::]:0")]
    public void Build_NoAuthBeyondLoopback_IsRefused(string bind)
    {
        var options = new ServeOptions { Paths = Kami.Core.Hosting.KamiPaths.ForHome("/nonexistent"), HttpEndpoint = bind, NoAuth = true };

        var error = Assert.Throws<KamiException>(() => HttpServer.Build(options, new FakeRegistry(), null));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("--no-auth is allowed only on a loopback address", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "refusing to serve on 0.0.0.0 without a token")]
    [InlineData("tooshort", "is 8 characters; at least 32")]
    public void Build_MissingOrShortToken_IsRefused(string? token, string expected)
    {
        var options = new ServeOptions { Paths = Kami.Core.Hosting.KamiPaths.ForHome("/nonexistent"), HttpEndpoint = "0.0.0.0:0", Token = token };

        var error = Assert.Throws<KamiException>(() => HttpServer.Build(options, new FakeRegistry(), null));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Initialize(Uri url, string body = InitializeBody)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }
}
