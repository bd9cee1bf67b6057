using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Kami.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static Kami.Mcp.Tests.Infrastructure.KamiHome;

namespace Kami.Mcp.Tests;

/// <summary>Issue 9 item 9: HTTP needs a bearer token by default, made once in $KAMI_HOME/token; --no-auth is loopback only.</summary>
public sealed class HttpAuthTests
{
    private const string InitializeBody = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}
        """;

    [Fact]
    public async Task Serve_HttpAuthByDefault_CreatesPrivateTokenOnceAndRequiresIt()
    {
        using var home = new KamiHome();
        await home.InstallEchoAsync();
        var tokenPath = Path.Combine(home.Path, "token");

        string token;
        await using (var served = await HttpServedKami.StartAsync(home, defaultAuth: true))
        {
            Assert.True(File.Exists(tokenPath), served.Stderr);
            Assert.Contains($"created one in {tokenPath} (0600)", served.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(File.ReadAllText(tokenPath).Trim(), served.Stderr, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenPath));
            token = File.ReadAllText(tokenPath).Trim();
            Assert.Matches("^[0-9a-f]{64}$", token);

            using var http = new HttpClient();
            using (var denied = await http.SendAsync(Initialize(served.Url, token: null)))
                Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
            using (var allowed = await http.SendAsync(Initialize(served.Url, token)))
                Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

            await using var client = await McpClient.CreateAsync(served.CreateTransport(token), ClientOptions.Current());
            var result = await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "with the made token" });
            Assert.NotEqual(true, result.IsError);
        }

        // A second start reuses the token rather than making a new one.
        await using (var again = await HttpServedKami.StartAsync(home, defaultAuth: true))
        {
            Assert.Contains($"bearer token required (from {tokenPath})", again.Stderr, StringComparison.Ordinal);
            Assert.Equal(token, File.ReadAllText(tokenPath).Trim());
        }
    }

    [Fact]
    public async Task McpConfig_HttpAuthByDefault_SnippetCarriesTheServersToken()
    {
        using var home = new KamiHome();
        var result = await KamiCli.RunOkAsync("mcp-config", "cursor", "--http", "127.0.0.1:9000", "--home", home.Path);

        var token = File.ReadAllText(Path.Combine(home.Path, "token")).Trim();
        using var json = JsonDocument.Parse(result.Stdout);
        var server = json.RootElement.GetProperty("mcpServers").GetProperty("kami");
        Assert.Equal("http://127.0.0.1:9000/mcp", server.GetProperty("url").GetString());
        Assert.Equal("Bearer " + token, server.GetProperty("headers").GetProperty("Authorization").GetString());

        // The same token the server then uses.
        var again = await KamiCli.RunOkAsync("mcp-config", "vscode", "--http", "--home", home.Path);
        using var vscode = JsonDocument.Parse(again.Stdout);
        var entry = vscode.RootElement.GetProperty("servers").GetProperty("kami");
        Assert.Equal("http://127.0.0.1:8931/mcp", entry.GetProperty("url").GetString());
        Assert.Equal("Bearer " + token, entry.GetProperty("headers").GetProperty("Authorization").GetString());
    }

    [Theory]
    [InlineData("0.0.0.0:0")]
    [InlineData("[::]:0")]
    public async Task Serve_HttpAuthNoAuthBeyondLoopback_IsRefused(string bind)
    {
        using var home = new KamiHome();
        var result = await KamiCli.RunAsync(["serve", "--http", bind, "--no-auth", "--home", home.Path], timeout: TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--no-auth is allowed only on a loopback address", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("serving MCP at", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_HttpAuthNoAuthOnLoopback_ServesWithoutTokenAndMakesNone()
    {
        using var home = new KamiHome();
        await using var served = await HttpServedKami.StartAsync(home, ["--no-auth"]);
        using var http = new HttpClient();
        using var response = await http.SendAsync(Initialize(served.Url, token: null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(home.Path, "token")));
        Assert.Contains("--no-auth", served.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ShortTokenSources() => new()
    {
        { "env", "environment (KAMI_TOKEN)" },
        { "flag", "token file " },
        { "home", "token file " },
        { "config", "config.toml" },
    };

    [Theory]
    [MemberData(nameof(ShortTokenSources))]
    public async Task Serve_HttpAuthShortToken_RefusedNamingItsSource(string source, string named)
    {
        using var home = new KamiHome();
        var shortToken = "0123456789abcdef0123456789abcde"; // 31 characters: one short of 128 bits in hex
        List<string> args = ["serve", "--http", "0.0.0.0:0", "--home", home.Path];
        var env = new Dictionary<string, string?>();
        switch (source)
        {
            case "env": env["KAMI_TOKEN"] = "x"; break;
            case "flag": args.AddRange(["--token-file", home.WriteFile("short", shortToken)]); break;
            case "home": File.WriteAllText(Path.Combine(home.Path, "token"), shortToken); break;
            case "config": File.WriteAllText(Path.Combine(home.Path, "config.toml"), $"token = \"{shortToken}\"\n"); break;
        }

        var result = await KamiCli.RunAsync(args, env, TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("the bearer token from ", result.Output, StringComparison.Ordinal);
        Assert.Contains(named + (source == "config" ? " is 31 characters" : ""), result.Output, StringComparison.Ordinal);
        Assert.Contains("at least 32", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("serving MCP at", result.Output, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Initialize(Uri url, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(InitializeBody, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
