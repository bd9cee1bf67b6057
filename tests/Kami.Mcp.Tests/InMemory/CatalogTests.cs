using Kami.Core.Tools;
using static Kami.Mcp.Tests.InMemory.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Issue 9 item 3: one bad registry row is logged and left out; the rest of the catalog still follows the registry.</summary>
public sealed class CatalogTests
{
    private const int CatalogRowSkipped = 2003;

    // Two arguments of one name: install refuses such a manifest, but a row written by an older KAMI or by hand has it.
    private static Kami.Core.Registry.InstalledTool BadRow(string id) => Tool(id, Text("x"), Text("x"));

    [Fact]
    public async Task Sync_ToolNameCollision_BadRowSkippedAndLoggedRestServed()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.good"));
        registry.Add(BadRow("dev.kami.bad"));
        registry.Add(Tool("dev.kami.twice"));
        registry.Add(Tool("dev.kami.twice"));
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo());
        var client = await kami.ConnectAsync();

        var names = (await client.ListToolsAsync()).Select(t => t.Name).Order();

        Assert.Equal(["dev.kami.good", "dev.kami.twice"], names);
        var skipped = kami.Log.WithEvent(CatalogRowSkipped).ToList();
        Assert.Contains(skipped, m => m.Contains("dev.kami.bad", StringComparison.Ordinal));
        Assert.Contains(skipped, m => m.Contains("dev.kami.twice", StringComparison.Ordinal) && m.Contains("already the name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SyncIfChanged_ToolNameCollision_BadRowDoesNotFreezeDisable()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.good"));
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo());
        var client = await kami.ConnectAsync();
        Assert.NotEqual(true, (await client.CallToolAsync("dev.kami.good")).IsError);

        registry.Add(BadRow("dev.kami.bad"));
        registry.SetEnabled(ToolId.Parse("dev.kami.good"), false);
        Assert.True(kami.Catalog.SyncIfChanged());

        var result = await client.CallToolAsync("dev.kami.good");
        Assert.True(result.IsError);
        Assert.Contains("disabled", result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Single().Text, StringComparison.Ordinal);
        Assert.Empty(await client.ListToolsAsync());
    }

    [Fact]
    public async Task Sync_ToolReplacedWhileACallArrives_CallServedNotUnknown()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.tool", Text()));
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo());
        var client = await kami.ConnectAsync();
        using var arguments = new GatedArguments([Text()]);
        var replacement = Tool("dev.kami.tool");
        registry.Upsert(replacement with { WasmSha256 = new string('1', 64), Manifest = replacement.Manifest with { Arguments = arguments } });

        // The sync stops while it builds the new version's schema: a call made now must not find the name gone.
        var sync = Task.Run(kami.Catalog.Sync);
        arguments.Entered.Wait(TimeSpan.FromSeconds(30));
        var result = await client.CallToolAsync("dev.kami.tool", new Dictionary<string, object?> { ["text"] = "hi" });
        arguments.Release();

        Assert.True(result.IsError != true, result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Single().Text);
        Assert.True(await sync);
        Assert.True(kami.Catalog.Tools.TryGetPrimitive("dev.kami.tool", out var served));
        Assert.Equal(new string('1', 64), Assert.IsType<Kami.Mcp.Tools.SandboxedTool>(served).Installed.WasmSha256);
    }

    /// <summary>A manifest's argument list that blocks its first reader until released, to hold a sync mid-way.</summary>
    private sealed class GatedArguments(IReadOnlyList<ToolArgument> inner) : IReadOnlyList<ToolArgument>, IDisposable
    {
        private readonly ManualResetEventSlim _released = new();

        public ManualResetEventSlim Entered { get; } = new();

        public void Release() => _released.Set();

        private IReadOnlyList<ToolArgument> Inner
        {
            get
            {
                Entered.Set();
                _released.Wait(TimeSpan.FromSeconds(30));
                return inner;
            }
        }

        public ToolArgument this[int index] => Inner[index];

        public int Count => Inner.Count;

        public IEnumerator<ToolArgument> GetEnumerator() => Inner.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose()
        {
            _released.Set();
            _released.Dispose();
            Entered.Dispose();
        }
    }

    [Fact]
    public async Task Sync_RegistryThrows_KeepsServedToolsAndRetries()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.good"));
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo());
        var client = await kami.ConnectAsync();
        registry.FailLists = true;
        registry.Add(Tool("dev.kami.new"));

        Assert.False(kami.Catalog.SyncIfChanged());
        Assert.Equal(["dev.kami.good"], (await client.ListToolsAsync()).Select(t => t.Name));
        Assert.Single(kami.Log.WithEvent(2002));

        registry.FailLists = false;
        Assert.True(kami.Catalog.SyncIfChanged());
        Assert.Equal(["dev.kami.good", "dev.kami.new"], (await client.ListToolsAsync()).Select(t => t.Name).Order());
    }
}
