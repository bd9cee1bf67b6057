using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kami.EndToEnd.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static Kami.EndToEnd.Tests.Infrastructure.KamiHome;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// Issue 9 item 9: HTTP needs a bearer token by default, made once in $KAMI_HOME/token, as a user starts it. The rest of HTTP auth
/// is tested in-process: HttpAuthResolveTests and HttpSecurityTests (Kami.Mcp.Tests), ServeHttpAuthTests (Kami.Cli.Tests).
/// </summary>
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

        await using (var served = await HttpServedKami.StartAsync(home, defaultAuth: true))
        {
            Assert.True(File.Exists(tokenPath), served.Stderr);
            Assert.Contains($"created one in {tokenPath} (0600)", served.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(File.ReadAllText(tokenPath).Trim(), served.Stderr, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenPath));
            var token = File.ReadAllText(tokenPath).Trim();
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
    }

    [Fact]
    public async Task Serve_HttpAuthShortTokenFromEnvironment_RefusedNamingItsSource()
    {
        // Only the environment needs a process of its own; the other sources are in Kami.Cli.Tests' ServeHttpAuthTests.
        using var home = new KamiHome();
        var env = new Dictionary<string, string?> { ["KAMI_TOKEN"] = "x" };

        var result = await KamiCli.RunAsync(["serve", "--http", "0.0.0.0:0", "--home", home.Path], env, TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("the bearer token from environment (KAMI_TOKEN) is 1 characters; at least 32", result.Output, StringComparison.Ordinal);
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
