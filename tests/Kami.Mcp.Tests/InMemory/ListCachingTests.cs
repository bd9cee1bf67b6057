using Kami.Mcp.Hosting;
using ModelContextProtocol.Protocol;
using static Kami.Mcp.Tests.InMemory.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>SEP-2549 caching hints on tools/list: private (the list depends on the caller) and short-lived.</summary>
public sealed class ListCachingTests
{
    [Fact]
    public async Task ListTools_CarriesTtlAndPrivateScope()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.echo"));
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo());
        var client = await kami.ConnectAsync();

        var result = await client.ListToolsAsync(new ListToolsRequestParams());

        Assert.Equal(KamiMcpServices.ToolListTimeToLive, result.TimeToLive);
        Assert.Equal(CacheScope.Private, result.CacheScope);
    }
}
