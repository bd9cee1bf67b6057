using System.Text.Json;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

public sealed class StatusAndRunTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Status_HomeFlag_SourceIsCommandLine()
    {
        var result = (await _cli.RunAsync("status")).Ok();
        // The settings table row: │ home │ <path> │ command line │
        var homeRow = Assert.Single(result.Out.Split('\n'), l => l.Split('│', StringSplitOptions.TrimEntries) is [_, "home", ..]);
        Assert.Equal("command line", homeRow.Split('│', StringSplitOptions.TrimEntries)[3]);
        Assert.Contains("schema v7", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_HomeFromCommandLineOthersDefault()
    {
        var result = (await _cli.RunAsync("status", "--json")).Ok();
        using var doc = JsonDocument.Parse(result.Out);
        var settings = doc.RootElement.GetProperty("settings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("source").GetString());
        Assert.Equal("command line", settings["home"]);
        Assert.Equal("default", settings["queue_limit"]);
        Assert.Equal(Path.GetFullPath(_cli.Home), doc.RootElement.GetProperty("home").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("tools").GetInt32());
    }

    [Fact]
    public async Task Status_ConfigToml_SourceIsTheFile()
    {
        Directory.CreateDirectory(_cli.Home);
        var config = Path.Combine(_cli.Home, "config.toml");
        File.WriteAllText(config, "queue_limit = 7\n");
        var result = (await _cli.RunAsync("status", "--json")).Ok();
        using var doc = JsonDocument.Parse(result.Out);
        var queue = doc.RootElement.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "queue_limit");
        Assert.Equal("7", queue.GetProperty("value").GetString());
        Assert.Equal(Path.GetFullPath(config), queue.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Run_PoolingAllocatorOffInConfig_StillRunsAndStatusSaysWhere()
    {
        Directory.CreateDirectory(_cli.Home);
        File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), "pooling_allocator = false\n");
        var run = (await _cli.RunAsync("run", RepoPaths.Fixture("counter.wasm"))).Ok();
        Assert.Equal("1", run.Out.Trim());
        var status = (await _cli.RunAsync("status", "--json")).Ok();
        using var doc = JsonDocument.Parse(status.Out);
        var pooling = doc.RootElement.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "pooling_allocator");
        Assert.Equal("false", pooling.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Run_EchoWasmDirectly_PrintsOutput()
    {
        var result = (await _cli.RunAsync("run", RepoPaths.Fixture("echo.wasm"), "--input", "{\"text\":\"direct\"}")).Ok();
        Assert.Contains("direct", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExampleEchoWasm_PrintsEcho()
    {
        var result = (await _cli.RunAsync("run", Path.Combine(RepoPaths.Example("echo"), "echo.wasm"), "--input", "{\"text\":\"hi\"}")).Ok();
        Assert.Equal("{\"echo\":\"hi\"}", result.Out.Trim());
    }

    [Fact]
    public async Task Run_PackageDirectory_UsesManifest()
    {
        var result = (await _cli.RunAsync("run", RepoPaths.Example("echo"), "--input", "{\"text\":\"pkg\"}", "--json")).Ok();
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("{\"echo\":\"pkg\"}", doc.RootElement.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Run_BadFsFlag_ExitsOne()
    {
        var result = (await _cli.RunAsync("run", Path.Combine(RepoPaths.Example("echo"), "echo.wasm"), "--fs", "rw")).UserError();
        Assert.Contains("--fs rw", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_NoCalls_SaysSo()
    {
        Assert.Contains("no calls recorded", (await _cli.RunAsync("logs")).Ok().Out, StringComparison.Ordinal);
    }
}
