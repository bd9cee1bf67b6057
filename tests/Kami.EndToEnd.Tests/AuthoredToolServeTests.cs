using System.Text.Json;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// A new author's path, with the real binary: kami init → build → run → test → install, then the tool is listed
/// and callable through kami serve. JS/TS components are ~12 MB and each step compiles one (seconds).
/// </summary>
public sealed class AuthoredToolServeTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("c")]
    [InlineData("js")]
    [InlineData("ts")]
    public async Task Template_InitBuildRunTestInstall_ListedAndCallableThroughServe(string lang)
    {
        using var home = new KamiHome();
        var name = "hello-" + lang;
        var package = _dir.Combine(name);

        await Ok(["init", name, "--lang", lang, "--dir", package]);
        var build = await Ok(["build", package]);
        Assert.Contains($"built ", build.Stdout, StringComparison.Ordinal);
        var run = await Ok(["run", package, "--input", "{\"name\":\"Ada\"}"]);
        Assert.Equal("{\"greeting\":\"Hello, Ada!\"}", run.Stdout.Trim());
        var test = await Ok(["test", package]);
        Assert.Contains("4 passed, 0 failed", test.Stdout, StringComparison.Ordinal);
        await Ok(["install", package, "--yes", "--home", home.Path]);

        await using var served = new StdioServedKami(home, [], null);
        var client = await served.ConnectAsync();
        var tools = await client.ListToolsAsync();
        var tool = Assert.Single(tools, t => t.Name == "local." + name);
        Assert.Equal("Greets someone by name", tool.Description);

        var result = await client.CallToolAsync("local." + name, new Dictionary<string, object?> { ["name"] = "Zoë \"Z\"" });
        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Equal("Hello, Zoë \"Z\"!", JsonDocument.Parse(text).RootElement.GetProperty("greeting").GetString());
    }

    private static async Task<CliResult> Ok(string[] args)
    {
        var result = await KamiCli.RunAsync(args, timeout: BuildTimeout);
        Assert.True(result.ExitCode == 0, $"kami {string.Join(' ', args)} failed: {result}");
        return result;
    }
}
