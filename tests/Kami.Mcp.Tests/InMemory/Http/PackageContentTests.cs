using Kami.Core.Registry;
using Kami.Core.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>
/// Prompts and resources from packages ([[prompts]], [[resources]]): served beside their tools, named after them,
/// following the tool's access per caller, each package serving only what it shipped, and a URI two packages claim
/// served by one only.
/// </summary>
public sealed class PackageContentTests
{
    private const string Acme = "dev.acme.docs";
    private const string Kami = "dev.kami.docs";

    private static InstalledTool WithContent(string id, string uriText, string secret) =>
        Tools.Tool(id) with
        {
            Manifest = Tools.Tool(id).Manifest with
            {
                Prompts = [new PackagePrompt("greet", "Greets", ["who"], "Hello, {who}!")],
                Resources =
                [
                    new PackageResource(uriText, "notes", "Notes", "text/plain") { Text = secret },
                    new PackageResource($"{id}://item/{{id}}", "item", "An item", "application/json") { Text = "{\"id\":\"{id}\"}" },
                ],
            },
        };

    private static async Task<(InMemoryHttpKami Kami, FakeClientStore Clients)> StartAsync()
    {
        var registry = new FakeRegistry();
        registry.Add(WithContent(Acme, "shared://notes", "acme's notes"));
        registry.Add(WithContent(Kami, "shared://notes", "kami's notes"));
        var clients = new FakeClientStore();
        var kami = await InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo(), o => o with { Clients = clients });
        return (kami, clients);
    }

    [Fact]
    public async Task Prompt_NamedAfterItsTool_FillsTheArguments()
    {
        var (kami, _) = await StartAsync();
        await using var _ = kami;
        var client = await kami.ConnectAsync();

        Assert.Contains($"{Acme}.greet", (await client.ListPromptsAsync()).Select(p => p.Name));
        var prompt = await client.GetPromptAsync($"{Acme}.greet", new Dictionary<string, object?> { ["who"] = "Ada" });

        Assert.Equal("Hello, Ada!", Assert.IsType<TextContentBlock>(prompt.Messages.Single().Content).Text);
        await Assert.ThrowsAsync<McpProtocolException>(() => client.GetPromptAsync($"{Acme}.greet").AsTask());
    }

    [Fact]
    public async Task Lists_CarryTheCachingHintsOfToolsList()
    {
        var (kami, _) = await StartAsync();
        await using var _ = kami;
        var client = await kami.ConnectAsync();

        var prompts = await client.ListPromptsAsync(new ListPromptsRequestParams());
        var resources = await client.ListResourcesAsync(new ListResourcesRequestParams());
        var templates = await client.ListResourceTemplatesAsync(new ListResourceTemplatesRequestParams());

        Assert.All(new ICacheableResult[] { prompts, resources, templates }, r =>
        {
            Assert.Equal(global::Kami.Mcp.Hosting.KamiMcpServices.ToolListTimeToLive, r.TimeToLive);
            Assert.Equal(CacheScope.Private, r.CacheScope);
        });
    }

    [Fact]
    public async Task Resource_ClaimedByTwoPackages_IsServedByOneOnly()
    {
        var (kami, _) = await StartAsync();
        await using var _ = kami;
        var client = await kami.ConnectAsync();

        Assert.Single(await client.ListResourcesAsync(), r => r.Uri == "shared://notes");
        var read = await client.ReadResourceAsync("shared://notes");
        // The first package by id keeps it; the other's content is never served under that URI.
        Assert.Equal("acme's notes", Assert.IsType<TextResourceContents>(read.Contents.Single()).Text);
    }

    [Fact]
    public async Task ResourceTemplate_ValueIsEscapedIntoJson()
    {
        var (kami, _) = await StartAsync();
        await using var _ = kami;
        var client = await kami.ConnectAsync();

        var read = await client.ReadResourceAsync($"{Acme}://item/a%22%2C%22admin%22%3Atrue%2C%22x%22%3A%22");

        var text = Assert.IsType<TextResourceContents>(read.Contents.Single()).Text;
        using var json = System.Text.Json.JsonDocument.Parse(text);
        Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal("a\",\"admin\":true,\"x\":\"", json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Client_SeesAndReadsOnlyTheContentOfItsTools()
    {
        var (kami, clients) = await StartAsync();
        await using var _ = kami;
        var kamiOnly = await kami.ConnectAsync(clients.Add("kami-team", "dev.kami.*"));

        Assert.Equal([$"{Kami}.greet"], (await kamiOnly.ListPromptsAsync()).Select(p => p.Name));
        Assert.DoesNotContain("shared://notes", (await kamiOnly.ListResourcesAsync()).Select(r => r.Uri));
        Assert.All(await kamiOnly.ListResourceTemplatesAsync(), t => Assert.StartsWith(Kami, t.UriTemplate));
        var prompt = await Assert.ThrowsAsync<McpProtocolException>(() => kamiOnly.GetPromptAsync($"{Acme}.greet", new Dictionary<string, object?> { ["who"] = "x" }).AsTask());
        Assert.Contains("Unknown prompt", prompt.Message);
        // Served by acme's package, so to this client it does not exist.
        var read = await Assert.ThrowsAsync<McpProtocolException>(() => kamiOnly.ReadResourceAsync("shared://notes").AsTask());
        Assert.Equal(McpErrorCode.ResourceNotFound, read.ErrorCode);
        Assert.Equal("{\"id\":\"7\"}", Assert.IsType<TextResourceContents>((await kamiOnly.ReadResourceAsync($"{Kami}://item/7")).Contents.Single()).Text);
    }
}
