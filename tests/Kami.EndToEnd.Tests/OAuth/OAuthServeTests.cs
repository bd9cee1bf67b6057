using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kami.EndToEnd.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static Kami.EndToEnd.Tests.Infrastructure.KamiHome;

namespace Kami.EndToEnd.Tests.OAuth;

/// <summary>
/// <c>oauth_issuer</c> and <c>oauth_audience</c> in config.toml with an issuer on loopback, against the published kami:
/// a good token lists and calls the tools its scope maps to and the audit log names its subject; an expired one gets
/// 401 with the challenge that points to the protected resource metadata, which is served without a token.
/// </summary>
public sealed class OAuthServeTests
{
    private const string Audience = "http://127.0.0.1/mcp";

    [Fact]
    public async Task Serve_OAuthIssuerOnLoopback_GoodTokenByScope_ExpiredRefusedWithChallenge()
    {
        using var issuer = new LoopbackIssuer();
        using var home = new KamiHome();
        await home.InstallEchoAsync();
        await home.InstallFixtureAsync("log", LogId);
        File.WriteAllText(Path.Combine(home.Path, "config.toml"), $"""
            oauth_issuer = "{issuer.Issuer}"
            oauth_audience = "{Audience}"
            oauth_scopes = "tools:echo=dev.kami.echo"
            """);
        var good = issuer.Token(Audience, "openid tools:echo", "alice", TimeSpan.FromMinutes(5));

        await using var served = await HttpServedKami.StartAsync(home, clientToken: good, defaultAuth: true);
        var client = await served.ConnectAsync();
        Assert.Equal([EchoId], (await client.ListToolsAsync()).Select(t => t.Name));
        Assert.NotEqual(true, (await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "oauth" })).IsError);
        Assert.Equal("oauth:alice (probe-app)", (await AuditLog.WaitForAsync(home, r => r.Tool == EchoId)).Caller);

        using var http = new HttpClient();
        using var expired = await http.SendAsync(Initialize(served.Url, issuer.Token(Audience, "tools:echo", "alice", TimeSpan.FromMinutes(-5))));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("resource_metadata=", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var metadata = await http.GetStringAsync(new Uri(served.Url, "/.well-known/oauth-protected-resource"));
        Assert.Contains(issuer.Issuer, metadata, StringComparison.Ordinal);
        Assert.Contains(Audience, metadata, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Initialize(Uri url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
