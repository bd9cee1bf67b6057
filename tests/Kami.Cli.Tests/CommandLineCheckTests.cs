using System.Text.Json;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Options and arguments are checked where they are parsed: exit 1 with one clear line, before anything runs; --help lists the allowed values.</summary>
public sealed class CommandLineCheckTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string EchoWasm => Path.Combine(RepoPaths.Example("echo"), "echo.wasm");

    [Fact]
    public async Task Run_UnknownFs_RefusedBeforeAnyRuntime()
    {
        var result = (await _cli.RunAsync("run", EchoWasm, "--fs", "rw")).UserError();
        Assert.Contains("error: --fs rw is not one of none, read-only, sandbox", result.Err, StringComparison.Ordinal);
        Assert.Contains("see `kami run --help`", result.Err, StringComparison.Ordinal);
        Assert.Empty(_cli.Runtimes);
    }

    [Fact]
    public async Task Serve_UnknownToolNames_RefusedBeforeServing()
    {
        var result = (await _cli.RunAsync("serve", "--tool-names", "dots")).UserError();
        Assert.Contains("--tool-names dots is not one of id, underscore", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingTarget_SaysItDoesNotExist()
    {
        var missing = Path.Combine(_cli.Scratch, "nowhere.wasm");
        var result = (await _cli.RunAsync("run", missing)).UserError();
        Assert.Contains($"{missing} does not exist", result.Err, StringComparison.Ordinal);
        Assert.Empty(_cli.Runtimes);
    }

    [Fact]
    public async Task Run_MissingInputFile_SaysItDoesNotExist()
    {
        var result = (await _cli.RunAsync("run", EchoWasm, "--input-file", "absent.json")).UserError();
        Assert.Contains("--input-file absent.json does not exist", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InputAndInputFile_AsksForOne()
    {
        var result = (await _cli.RunAsync("run", EchoWasm, "--input", "{}", "--input-file", "-")).UserError();
        Assert.Contains("give either --input or --input-file, not both", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InputFileDash_ReadsTheHostsInput()
    {
        _cli.Answers = "{\"text\":\"from stdin\"}";
        var result = (await _cli.RunAsync("run", EchoWasm, "--input-file", "-")).Ok();
        Assert.Equal("{\"echo\":\"from stdin\"}", result.Out.Trim());
    }

    [Fact]
    public async Task McpConfig_UnknownClient_ListsTheClients()
    {
        var result = (await _cli.RunAsync("mcp-config", "emacs")).UserError();
        Assert.Contains("unknown client 'emacs'; choose one of claude, cursor, vscode, generic", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_MalformedIdWithJson_ErrorAsJson()
    {
        var result = await _cli.RunAsync("inspect", "no/dot", "--json");
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("InvalidInput", doc.RootElement.GetProperty("kind").GetString());
        Assert.Contains("tool id 'no/dot'", doc.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_OneErrorLineAndWhereToLook()
    {
        var result = (await _cli.RunAsync("frobnicate")).UserError();
        Assert.Contains("error: Unrecognized command or argument 'frobnicate'", result.Err, StringComparison.Ordinal);
        Assert.Contains("see `kami --help`", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--fs <none|read-only|sandbox>")]
    [InlineData("serve", "--tool-names <id|underscore>")]
    [InlineData("init", "--lang <c|js|ts>")]
    [InlineData("mcp-config", "<claude|cursor|generic|vscode>")]
    public async Task Help_ClosedChoice_ListsTheAllowedValues(string command, string usage)
    {
        var result = (await _cli.RunAsync(command, "--help")).Ok();
        Assert.Contains(usage, result.Out, StringComparison.Ordinal);
    }
}
