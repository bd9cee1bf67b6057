using System.Text.Json;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Failures are one clear line on stderr with the right exit code, never a stack trace.</summary>
public sealed class ErrorReportingTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("inspect")]
    [InlineData("exec")]
    [InlineData("uninstall")]
    [InlineData("enable")]
    [InlineData("disable")]
    public async Task Command_UnknownTool_ExitsOneWithMessage(string command)
    {
        var result = (await _cli.RunAsync(command, "dev.kami.nope")).UserError();
        Assert.Contains("dev.kami.nope is not installed", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Inspect_InvalidToolId_ExitsOne()
    {
        var result = (await _cli.RunAsync("inspect", "no/dot")).UserError();
        Assert.Contains("tool id", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_UnknownToolWithJson_ErrorAsJson()
    {
        var result = await _cli.RunAsync("inspect", "dev.kami.nope", "--json");
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("ToolNotFound", doc.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Install_MissingPath_ExitsOne()
    {
        var result = (await _cli.RunAsync("install", Path.Combine(_cli.Scratch, "missing"))).UserError();
        Assert.Contains("does not exist", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_ZipSlip_ExitsOneNothingInstalled()
    {
        var zip = Path.Combine(_cli.Scratch, "evil.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var s = archive.CreateEntry("../evil").Open();
            s.WriteByte(1);
        }
        var result = (await _cli.RunAsync("install", zip)).UserError();
        Assert.Contains("../evil", result.Err, StringComparison.Ordinal);
        Assert.Contains("no tools installed", (await _cli.RunAsync("list")).Ok().Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_InputNotJson_ExitsOne()
    {
        (await _cli.RunAsync("install", RepoPaths.Example("echo"))).Ok();
        var result = (await _cli.RunAsync("exec", "dev.kami.echo", "--input", "{not json")).UserError();
        Assert.Contains("not valid JSON", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_ToolReturnsErr_ExitsOneWithToolMessage()
    {
        (await _cli.RunAsync("install", RepoPaths.Example("echo"))).Ok();
        var result = (await _cli.RunAsync("exec", "dev.kami.echo", "--input", "{}")).UserError();
        Assert.Contains("bad input", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownLogLevelInConfig_NamesTheSettingAndTheChoices()
    {
        Directory.CreateDirectory(_cli.Home);
        File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), "log_level = \"loud\"\n");
        var result = (await _cli.RunAsync("status")).UserError();
        Assert.Contains("log_level = \"loud\"", result.Err, StringComparison.Ordinal);
        Assert.Contains("trace, debug, info, warn, error, off", result.Err, StringComparison.Ordinal);
        result.NoStackTrace();
    }

    [Fact]
    public async Task AnyCommand_RegistryNotADatabase_ExitsTwoWithoutStackTrace()
    {
        Directory.CreateDirectory(_cli.Home);
        File.WriteAllText(Path.Combine(_cli.Home, "registry.db"), "this is not a sqlite database, but it is long enough to have a header...");
        var result = await _cli.RunAsync("list");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error:", result.Err, StringComparison.Ordinal);
        Assert.Contains("registry", result.Err, StringComparison.Ordinal);
        result.NoStackTrace();
    }

    [Fact]
    public async Task UnknownCommand_NonZeroExit()
    {
        var result = await _cli.RunAsync("frobnicate");
        Assert.NotEqual(0, result.ExitCode);
        result.NoStackTrace();
    }
}
