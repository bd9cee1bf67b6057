using System.Security.Cryptography;
using Kami.Core.Hosting;
using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.TestCommon;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Issue 11, lazy start: initialize and tools/list are answered from the registry; Wasmtime starts on the first call.</summary>
public sealed class LazyStartTests
{
    private static InstalledTool Echo()
    {
        var wasm = RepoPaths.Fixture("echo.wasm");
        var manifest = new ToolManifest(ToolId.Parse("dev.kami.echo"), "echo", ToolVersion.Parse("1.0.0"), Path.GetFileName(wasm), "echo",
            [new ToolArgument("text", ArgumentType.String, "some text", Required: true)], SecurityPolicy.DenyAll);
        return new InstalledTool(manifest, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wasm))), Path.GetDirectoryName(wasm)!,
            Enabled: true, DateTimeOffset.UnixEpoch, "test");
    }

    [Fact]
    public async Task Serve_Initialize_RuntimeNotCreated()
    {
        var registry = new FakeRegistry();
        registry.Add(Echo());
        await using var kami = new InMemoryKami(registry, executor: null);

        await kami.ConnectAsync();

        Assert.False(kami.RuntimeCreated, "initialize made the Wasmtime runtime");
    }

    [Fact]
    public async Task Serve_ListTools_EngineWarmedInBackgroundNoComponentLoadedUntilFirstCall()
    {
        var registry = new FakeRegistry();
        registry.Add(Echo());
        await using var kami = new InMemoryKami(registry, executor: null);
        var client = await kami.ConnectAsync();

        var tools = await client.ListToolsAsync();
        await kami.RuntimeWarmed.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["dev.kami.echo"], tools.Select(t => t.Name));
        var runtime = Assert.IsType<Kami.Runtime.Execution.ToolRuntime>(kami.Runtime);
        Assert.Equal((0, 0), runtime.Compilations);

        var result = await client.CallToolAsync("dev.kami.echo", new Dictionary<string, object?> { ["text"] = "hi" });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal((1, 0), runtime.Compilations);
    }

    private static InstalledTool Tool(string id, string fixture)
    {
        var echo = Echo();
        var wasm = RepoPaths.Fixture(fixture);
        return echo with
        {
            Manifest = echo.Manifest with { Id = ToolId.Parse(id), Name = id, WasmPath = Path.GetFileName(wasm) },
            WasmSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wasm))),
        };
    }

    [Fact]
    public async Task Serve_ListTools_ToolCompiledBefore_FirstCallRunsOnAnInstanceMadeAhead()
    {
        // An earlier server compiled echo into this home's compiled cache. After tools/list, while the agent thinks,
        // the new server loads it (pin checked) and makes an instance, so the first call neither compiles nor instantiates.
        using var temp = new TempDirectory();
        var runtime = new Kami.Runtime.Contracts.RuntimeOptions { MaxConcurrency = 1, CompiledCacheDirectory = temp.Combine("cache") };
        var registry = new FakeRegistry();
        registry.Add(Echo());
        var hi = new Dictionary<string, object?> { ["text"] = "hi" };
        await using (var earlier = new InMemoryKami(registry, executor: null, runtime: runtime))
            Assert.NotEqual(true, (await (await earlier.ConnectAsync()).CallToolAsync("dev.kami.echo", hi)).IsError);

        await using var kami = new InMemoryKami(registry, executor: null, runtime: runtime);
        var client = await kami.ConnectAsync();
        await client.ListToolsAsync();
        await kami.RuntimeWarmed.WaitAsync(TimeSpan.FromSeconds(30));
        var made = Assert.IsType<Kami.Runtime.Execution.ToolRuntime>(kami.Runtime);
        for (var waited = 0; made.ReadyInstances.MadeCount == 0 && waited < 30_000; waited += 10) await Task.Delay(10);
        var result = await client.CallToolAsync("dev.kami.echo", hi);

        Assert.NotEqual(true, result.IsError);
        Assert.Equal((0, 1), made.Compilations);
        Assert.Equal(1, made.ReadyInstances.UsedCount);
    }

    [Fact]
    public async Task FirstCallCandidates_RecentlyCalledToolsFirst_ThenTheListedOrder()
    {
        var registry = new FakeRegistry();
        foreach (var id in new[] { "dev.kami.a", "dev.kami.b", "dev.kami.c", "dev.kami.d" }) registry.Add(Tool(id, "echo.wasm"));
        var audit = new MemoryAuditLog();
        foreach (var id in new[] { "dev.kami.b", "dev.kami.d", "dev.kami.b", "dev.kami.gone" })
            audit.Record(new CallRecord(id, DateTimeOffset.UnixEpoch, 1, "ok", 1, null, null, "memory"));
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo());

        var order = Kami.Mcp.Tools.FirstCallCandidates.Of(["dev.kami.a", "dev.kami.b", "dev.kami.c", "dev.kami.d", "dev.kami.unknown"],
            kami.Catalog, KamiPaths.ForHome(Path.GetTempPath()), audit).Select(r => r.ToolId);

        // Newest call first: b (called last), then d; a and c were never called and keep the listed order.
        Assert.Equal(["dev.kami.b", "dev.kami.d", "dev.kami.a", "dev.kami.c"], order);
    }

    [Fact]
    public async Task Serve_FakeExecutor_ListToolsDoesNotStartRuntime()
    {
        var registry = new FakeRegistry();
        registry.Add(Echo());
        await using var kami = new InMemoryKami(registry, FakeExecutor.Echo());
        var client = await kami.ConnectAsync();

        await client.ListToolsAsync();

        Assert.False(kami.RuntimeCreated);
    }
}
