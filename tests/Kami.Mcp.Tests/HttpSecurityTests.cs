using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kami.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static Kami.Mcp.Tests.Infrastructure.KamiHome;

namespace Kami.Mcp.Tests;

/// <summary>Streamable HTTP only: bearer token, Origin/Host checks, stateless mode.</summary>
public sealed class HttpSecurityTests
{
    private const string Token = "test-token-0123456789abcdef-0123456789";

    private const string InitializeBody = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
        """;

    [Fact]
    public async Task Http_TokenConfigured_RequiredAndTheRightOneWorks()
    {
        using var home = new KamiHome();
        await home.InstallEchoAsync();
        var tokenFile = home.WriteFile("token", Token + "\n");
        await using var served = await HttpServedKami.StartAsync(home, ["--token-file", tokenFile], clientToken: Token);
        Assert.Contains("bearer token required", served.Stderr, StringComparison.Ordinal);

        using var http = new HttpClient();
        using (var response = await http.SendAsync(Initialize(served.Url)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        foreach (var wrong in new[] { "Bearer wrong-token-0123456789abcdef", "Bearer " + Token + "x", "Basic " + Token, Token })
        {
            var request = Initialize(served.Url);
            request.Headers.TryAddWithoutValidation("Authorization", wrong);
            using var response = await http.SendAsync(request);
            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"Authorization: {wrong} gave {response.StatusCode}");
        }

        // The SDK client with a wrong token cannot connect; with the right one it lists and calls.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await using var denied = await McpClient.CreateAsync(served.CreateTransport(token: "wrong-token-0123456789abcdef"), cancellationToken: timeout.Token);
        });
        var client = await served.ConnectAsync();
        Assert.Equal([EchoId], (await client.ListToolsAsync()).Select(t => t.Name));
        var result = await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "authorized" });
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("authorized", result.StructuredContent?.GetProperty("echo").GetString());
    }

    [Fact]
    public async Task Serve_ShortOrMissingTokenFile_IsRefused()
    {
        using var home = new KamiHome();
        var shortFile = home.WriteFile("short-token", "tooshort");
        var tooShort = await KamiCli.RunAsync(["serve", "--http", "127.0.0.1:0", "--token-file", shortFile, "--home", home.Path], timeout: TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, tooShort.ExitCode);
        Assert.Contains($"the bearer token from token file {shortFile} is 8 characters; at least 32", tooShort.Output, StringComparison.Ordinal);

        var missing = await KamiCli.RunAsync(["serve", "--http", "127.0.0.1:0", "--token-file", home.Path + "/nope", "--home", home.Path], timeout: TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("does not exist", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_ForeignOriginOrHost_403Or400WhileLoopbackPasses()
    {
        using var home = new KamiHome();
        await using var served = await HttpServedKami.StartAsync(home);
        using var http = new HttpClient();

        var evil = Initialize(served.Url);
        evil.Headers.Add("Origin", "http://evil.example");
        using (var response = await http.SendAsync(evil))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var rebound = Initialize(served.Url);
        rebound.Headers.Host = "evil.example:" + served.Url.Port;
        using (var response = await http.SendAsync(rebound))
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var local = Initialize(served.Url);
        local.Headers.Add("Origin", $"http://localhost:{served.Url.Port}");
        local.Headers.Host = "localhost:" + served.Url.Port;
        using (var response = await http.SendAsync(local))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"serverInfo\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Http_StatelessMode_ServesCallsWithoutASession()
    {
        using var home = new KamiHome();
        await home.InstallEchoAsync();
        await using var served = await HttpServedKami.StartAsync(home, ["--stateless"]);

        using (var http = new HttpClient())
        using (var response = await http.SendAsync(Initialize(served.Url)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Mcp-Session-Id"), "a stateless server handed out a session");
        }

        var client = await served.ConnectAsync();
        var result = await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "stateless" });
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("stateless", result.StructuredContent?.GetProperty("echo").GetString());
        var invalid = await client.CallToolAsync(EchoId, new Dictionary<string, object?>());
        Assert.True(invalid.IsError);
        Assert.Contains("'text'", invalid.Content.OfType<TextContentBlock>().Single().Text, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Initialize(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(InitializeBody, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }
}
