using System.Security.Cryptography;
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
