using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kami.Core.Errors;
using Kami.Mcp.Hosting;

namespace Kami.Mcp.Tests.InMemory.Http.OAuth;

/// <summary>
/// KAMI as an OAuth 2.1 resource server, against an issuer made in the test: a good token is accepted and mapped to
/// tools by scope; expired, wrong-audience, wrong-issuer, unsigned (<c>alg: none</c>), HS256-with-the-public-key and
/// unknown-key tokens are refused with a challenge that points to the protected resource metadata (RFC 9728).
/// </summary>
public sealed class OAuthTests
{
    private const string Audience = "https://kami.test/mcp";
    private const string KamiEcho = "dev.kami.echo";
    private const string AcmeSearch = "dev.acme.search";

    private static async Task<InMemoryHttpKami> StartAsync(TestIssuer issuer, MemoryAuditLog? audit = null,
        string? scopes = "tools:kami=dev.kami.*; search=dev.acme.search", Kami.Core.Identity.ClientQuota? quota = null, TimeProvider? time = null)
    {
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(KamiEcho, Tools.Text()));
        registry.Add(Tools.Tool(AcmeSearch, Tools.Text()));
        var oauth = OAuthOptions.Create(issuer.Issuer, Audience, scopes) with { Quota = quota ?? Kami.Core.Identity.ClientQuota.Unlimited };
        return await InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo(), o => o with { OAuth = oauth }, audit, time);
    }

    [Fact]
    public async Task GoodToken_Accepted_ToolsByScope_AuditNamesSubjectAndClient()
    {
        await using var issuer = await TestIssuer.StartAsync();
        var audit = new MemoryAuditLog();
        await using (var kami = await StartAsync(issuer, audit))
        {
            var client = await kami.ConnectAsync(issuer.Token(Audience, scope: "openid tools:kami"));
            Assert.Equal([KamiEcho], (await client.ListToolsAsync()).Select(t => t.Name));
            Assert.NotEqual(true, (await client.CallToolAsync(KamiEcho, new Dictionary<string, object?> { ["text"] = "hi" })).IsError);
            var refused = await client.CallToolAsync(AcmeSearch, new Dictionary<string, object?> { ["text"] = "hi" });
            Assert.True(refused.IsError);

            var both = await kami.ConnectAsync(issuer.Token(Audience, scope: "tools:kami search", subject: "bob", clientId: null));
            Assert.Equal([AcmeSearch, KamiEcho], (await both.ListToolsAsync()).Select(t => t.Name).Order());
            var none = await kami.ConnectAsync(issuer.Token(Audience, scope: "openid"));
            Assert.Empty(await none.ListToolsAsync());
            // The static server token keeps working beside OAuth.
            Assert.Equal(2, (await (await kami.ConnectAsync()).ListToolsAsync()).Count);
        }
        Assert.Equal("oauth:alice (agent-app)", Assert.Single(audit.Records).Caller);
    }

    [Fact]
    public async Task NoScopeMap_GoodTokenUsesEveryTool_QuotaPerSubject()
    {
        await using var issuer = await TestIssuer.StartAsync();
                // A clock that stands still at the real time: tokens stay valid, and the two calls share one quota minute.
        await using var kami = await StartAsync(issuer, scopes: null, quota: new Kami.Core.Identity.ClientQuota(CallsPerMinute: 1, FuelPerDay: null),
            time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var alice = await kami.ConnectAsync(issuer.Token(Audience, scope: null));
        var bob = await kami.ConnectAsync(issuer.Token(Audience, scope: null, subject: "bob"));
        var text = new Dictionary<string, object?> { ["text"] = "x" };

        Assert.Equal(2, (await alice.ListToolsAsync()).Count);
        Assert.NotEqual(true, (await alice.CallToolAsync(AcmeSearch, text)).IsError);
        var refused = await alice.CallToolAsync(KamiEcho, text);
        Assert.True(refused.IsError);
        Assert.Contains("calls per minute for oauth:alice (agent-app) is 1", Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(Assert.Single(refused.Content)).Text,
            StringComparison.Ordinal);
        Assert.NotEqual(true, (await bob.CallToolAsync(KamiEcho, text)).IsError);
    }

    public static TheoryData<string> BadTokens => new() { "expired", "wrong-audience", "wrong-issuer", "alg-none", "hs256-public-key-der", "hs256-public-key-pem", "unknown-key", "no-subject", "garbage" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Refused401_ChallengePointsToResourceMetadata(string kind)
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var kami = await StartAsync(issuer);
        using var stranger = RSA.Create(2048);
        var token = kind switch
        {
            "expired" => issuer.Token(Audience, expires: DateTime.UtcNow.AddMinutes(-5)),
            "wrong-audience" => issuer.Token("https://other.test/mcp"),
            "wrong-issuer" => issuer.Token(Audience, issuer: "http://127.0.0.1:1/evil"),
            "alg-none" => issuer.Forged(Audience, new Dictionary<string, string> { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = issuer.KeyId }, _ => []),
            "hs256-public-key-der" => issuer.Forged(Audience, new Dictionary<string, string> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = issuer.KeyId },
                data => HMACSHA256.HashData(issuer.PublicKeyDer, data)),
            "hs256-public-key-pem" => issuer.Forged(Audience, new Dictionary<string, string> { ["alg"] = "HS256", ["typ"] = "JWT" },
                data => HMACSHA256.HashData(Encoding.ASCII.GetBytes(issuer.PublicKeyPem), data)),
            "unknown-key" => issuer.Token(Audience, signWith: stranger),
            "no-subject" => issuer.Token(Audience, subject: ""),
            _ => "not.a.jwt",
        };
        using var http = kami.CreateHttpClient();

        using var response = await http.SendAsync(Initialize(kami.Url, token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("Bearer", challenge, StringComparison.Ordinal);
        Assert.Contains("resource_metadata=\"http://127.0.0.1:8931/.well-known/oauth-protected-resource\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourceMetadata_ServedWithoutToken_NamesAudienceIssuerAndScopes()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var kami = await StartAsync(issuer);
        using var http = kami.CreateHttpClient();

        using var response = await http.GetAsync(new Uri(kami.Url, "/.well-known/oauth-protected-resource"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Audience, json.RootElement.GetProperty("resource").GetString());
        Assert.Equal([issuer.Issuer], json.RootElement.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["search", "tools:kami"], json.RootElement.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task KeyRotation_TokenWithTheNewKey_AcceptedAfterOneRefetch()
    {
        await using var issuer = await TestIssuer.StartAsync();
        await using var kami = await StartAsync(issuer);
        using var http = kami.CreateHttpClient();
        using (var first = await http.SendAsync(Initialize(kami.Url, issuer.Token(Audience))))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var fetches = issuer.JwksRequests;

        issuer.RotateKey();
        // A token naming a key not seen yet makes JwtBearer re-fetch the keys (in the background, as IdentityModel
        // refreshes); requests are accepted once the new keys are in, within moments, not after the hour's refresh.
        var accepted = false;
        for (var attempt = 0; attempt < 50 && !accepted; attempt++)
        {
            using var rotated = await http.SendAsync(Initialize(kami.Url, issuer.Token(Audience)));
            accepted = rotated.StatusCode == HttpStatusCode.OK;
            if (!accepted) await Task.Delay(100);
        }
        Assert.True(accepted, "a token signed with the rotated key was never accepted");

        Assert.Equal(fetches + 1, issuer.JwksRequests);
        // Cached: more tokens with the same key fetch nothing.
        using (var again = await http.SendAsync(Initialize(kami.Url, issuer.Token(Audience))))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(fetches + 1, issuer.JwksRequests);
    }

    [Theory]
    [InlineData("http://issuer.example.com", "https://kami.test/mcp", "plain HTTP")]
    [InlineData("ftp://127.0.0.1", "https://kami.test/mcp", "https://")]
    [InlineData("https://issuer.example.com", null, "oauth_audience")]
    [InlineData("https://issuer.example.com", "https://kami.test/mcp", "scope=patterns", "no-equals-sign")]
    [InlineData("https://issuer.example.com", "https://kami.test/mcp", "dev.*.x", "s=dev.*.x")]
    public void Options_UnsafeOrIncomplete_RefusedNamingTheSetting(string issuer, string? audience, string expected, string? scopes = null)
    {
        var error = Assert.Throws<KamiException>(() => OAuthOptions.Create(issuer, audience, scopes));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_LoopbackHttpIssuer_Allowed()
    {
        Assert.True(OAuthOptions.Create("http://127.0.0.1:9000", Audience, null).IssuerIsLoopback);
        Assert.True(OAuthOptions.Create("http://localhost:9000/realms/x", Audience, null).IssuerIsLoopback);
        Assert.False(OAuthOptions.Create("https://issuer.example.com", Audience, null).IssuerIsLoopback);
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
