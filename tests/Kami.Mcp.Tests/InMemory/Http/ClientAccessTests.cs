using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kami.Core.Identity;
using Kami.Mcp.Hosting;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>
/// Named clients over HTTP: each sees and calls only its tools, a tool it may not use is unknown to it (in the words a
/// name no tool has gets), a removed or rotated-away token is refused, and the audit log names the caller.
/// </summary>
public sealed class ClientAccessTests
{
    private const string KamiEcho = "dev.kami.echo";
    private const string KamiHash = "dev.kami.hash";
    private const string AcmeSearch = "dev.acme.search";
    private const string AcmeSecret = "dev.acme.secret";

    private static async Task<(InMemoryHttpKami Kami, FakeClientStore Clients, FakeRegistry Registry)> StartAsync(MemoryAuditLog? audit = null)
    {
        var registry = new FakeRegistry();
        foreach (var id in new[] { KamiEcho, KamiHash, AcmeSearch, AcmeSecret }) registry.Add(Tools.Tool(id, Tools.Text()));
        var clients = new FakeClientStore();
        var kami = await InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo(), o => o with { Clients = clients }, audit);
        return (kami, clients, registry);
    }

    private static Dictionary<string, object?> Text(string text) => new() { ["text"] = text };

    [Fact]
    public async Task Client_ListsAndCallsOnlyItsTools_OthersAreUnknownNotForbidden()
    {
        var (kami, clients, _) = await StartAsync();
        await using var _ = kami;
        var kamiToken = clients.Add("kami-team", "dev.kami.*");
        var acmeToken = clients.Add("acme-bot", AcmeSearch);

        var kamiClient = await kami.ConnectAsync(kamiToken);
        var acmeClient = await kami.ConnectAsync(acmeToken);
        var operatorClient = await kami.ConnectAsync();

        Assert.Equal([KamiEcho, KamiHash], (await kamiClient.ListToolsAsync()).Select(t => t.Name).Order());
        Assert.Equal([AcmeSearch], (await acmeClient.ListToolsAsync()).Select(t => t.Name));
        Assert.Equal(4, (await operatorClient.ListToolsAsync()).Count);

        Assert.NotEqual(true, (await acmeClient.CallToolAsync(AcmeSearch, Text("mine"))).IsError);
        // Another client's tool answers exactly as a name no tool has: nothing says it exists.
        var other = await acmeClient.CallToolAsync(KamiEcho, Text("not mine"));
        var missing = await acmeClient.CallToolAsync("dev.kami.no-such-tool", Text("x"));
        Assert.True(other.IsError);
        Assert.Equal(ToolCatalogText(KamiEcho), TextOf(other));
        Assert.Equal(ToolCatalogText("dev.kami.no-such-tool"), TextOf(missing));
        Assert.True((await kamiClient.CallToolAsync(AcmeSecret, Text("x"))).IsError);
        Assert.NotEqual(true, (await operatorClient.CallToolAsync(AcmeSecret, Text("operator"))).IsError);
    }

    [Fact]
    public async Task Client_DisabledToolItMayNotUse_IsUnknownNotDisabled()
    {
        var (kami, clients, registry) = await StartAsync();
        await using var _ = kami;
        var token = clients.Add("acme-bot", AcmeSearch);
        registry.SetEnabled(Kami.Core.Tools.ToolId.Parse(KamiEcho), false);
        var client = await kami.ConnectAsync(token);

        var result = await client.CallToolAsync(KamiEcho, Text("x"));

        Assert.Equal(ToolCatalogText(KamiEcho), TextOf(result));
        Assert.DoesNotContain("disabled", TextOf(result), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Client_RemovedOrRotatedAwayToken_RefusedOnTheNextRequest()
    {
        var (kami, clients, _) = await StartAsync();
        await using var _ = kami;
        var removedToken = clients.Add("gone", "*");
        var rotatedToken = clients.Add("rotated", "*");
        using var http = kami.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, await StatusOf(http, kami.Url, removedToken));
        Assert.Equal(HttpStatusCode.OK, await StatusOf(http, kami.Url, rotatedToken));

        Assert.NotNull(clients.RemoveClient("gone"));
        var newToken = ClientToken.New();
        Assert.True(clients.ReplaceClientToken("rotated", ClientToken.Hash(newToken)));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(http, kami.Url, removedToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(http, kami.Url, rotatedToken));
        Assert.Equal(HttpStatusCode.OK, await StatusOf(http, kami.Url, newToken));
        // The stored hash itself is not a token.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOf(http, kami.Url, ClientToken.Hash(newToken)));
    }

    [Fact]
    public async Task Client_SessionOfOneClient_CannotBeUsedWithAnotherClientsToken()
    {
        var (kami, clients, _) = await StartAsync();
        await using var _ = kami;
        var ownerToken = clients.Add("owner", "dev.kami.*");
        var thiefToken = clients.Add("thief", AcmeSearch);
        using var http = kami.CreateHttpClient();
        using var initialize = Post(kami.Url, ownerToken, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        using var opened = await http.SendAsync(initialize);
        var session = opened.Headers.GetValues("Mcp-Session-Id").Single();

        using var list = Post(kami.Url, thiefToken, """{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}""");
        list.Headers.Add("Mcp-Session-Id", session);
        using var response = await http.SendAsync(list);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(KamiEcho, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_EveryCallNamesItsCaller()
    {
        var audit = new MemoryAuditLog();
        var (kami, clients, _) = await StartAsync(audit);
        await using (kami)
        {
            var token = clients.Add("ci-bot", "dev.kami.*");
            await (await kami.ConnectAsync(token)).CallToolAsync(KamiEcho, Text("a"));
            await (await kami.ConnectAsync()).CallToolAsync(KamiEcho, Text("b"));
        }

        Assert.Equal(["ci-bot", ClientName.Operator], audit.Records.Select(r => r.Caller).Order(StringComparer.Ordinal));
    }

    private static string ToolCatalogText(string name) => $"unknown tool '{name}'; call tools/list to see the available tools";

    private static string TextOf(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    private static async Task<HttpStatusCode> StatusOf(HttpClient http, Uri url, string token)
    {
        using var request = Post(url, token, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpRequestMessage Post(Uri url, string token, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
