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
    public async Task Serve_InitializeAndListTools_RuntimeNotCreatedUntilFirstCall()
    {
        var registry = new FakeRegistry();
        registry.Add(Echo());
        await using var kami = new InMemoryKami(registry, executor: null);
        var client = await kami.ConnectAsync();

        var tools = await client.ListToolsAsync();

        Assert.Equal(["dev.kami.echo"], tools.Select(t => t.Name));
        Assert.False(kami.RuntimeCreated, "the Wasmtime runtime was made before any tool was called");

        var result = await client.CallToolAsync("dev.kami.echo", new Dictionary<string, object?> { ["text"] = "hi" });

        Assert.NotEqual(true, result.IsError);
        Assert.True(kami.RuntimeCreated);
    }
}
