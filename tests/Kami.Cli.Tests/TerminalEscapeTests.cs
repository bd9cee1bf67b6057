using Kami.Core.Text;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Issue 9 item 13: escape sequences in a manifest never reach the terminal raw through human output.</summary>
public sealed class TerminalEscapeTests : IDisposable
{
    private const string Hostile = "Echoes\\u001b[2J\\u0007 text\\u009b31m\\u202e";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string HostilePackage()
    {
        var dir = Path.Combine(_cli.Scratch, "hostile");
        Directory.CreateDirectory(dir);
        var manifest = File.ReadAllText(Path.Combine(RepoPaths.Example("echo"), "tool.toml"))
            .Replace("description = \"Echoes the given text back as {\\\"echo\\\": text}\"", $"description = \"{Hostile}\"", StringComparison.Ordinal)
            .Replace("description = \"The text to echo\"", $"description = \"{Hostile}\"", StringComparison.Ordinal);
        Assert.Contains(Hostile, manifest, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "tool.toml"), manifest);
        File.Copy(Path.Combine(RepoPaths.Example("echo"), "echo.wasm"), Path.Combine(dir, "echo.wasm"));
        return dir;
    }

    private static void AssertNoControlCharacters(CliResult result)
    {
        foreach (var c in result.Out + result.Err)
            Assert.False(char.IsControl(c) && c is not '\n' and not '\r' || c == '\u202e', $"raw U+{(int)c:X4} in output:\n{result.Out}{result.Err}");
    }

    [Fact]
    public async Task ListAndInspect_ManifestWithEscapeSequences_EscapesTerminalText()
    {
        AssertNoControlCharacters((await _cli.RunAsync("install", HostilePackage())).Ok());

        var list = (await _cli.RunAsync("list")).Ok();
        AssertNoControlCharacters(list);
        Assert.Contains("\\x1b[2J\\x07", list.Out, StringComparison.Ordinal);

        var inspect = (await _cli.RunAsync("inspect", "dev.kami.echo")).Ok();
        AssertNoControlCharacters(inspect);
        Assert.Contains("\\x1b[2J\\x07 text\\x9b31m\\u202e", inspect.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListJson_ManifestWithEscapeSequences_KeepsTextAsData()
    {
        (await _cli.RunAsync("install", HostilePackage())).Ok();

        var json = (await _cli.RunAsync("list", "--json")).Ok();

        Assert.Contains("\\u001b[2J\\u0007", json.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InstallSummaryAndErrors_ManifestWithEscapeSequences_EscapesTerminalText()
    {
        var dir = HostilePackage();
        var bad = Path.Combine(_cli.Scratch, "bad");
        Directory.CreateDirectory(bad);
        File.Copy(Path.Combine(dir, "echo.wasm"), Path.Combine(bad, "echo.wasm"));
        File.WriteAllText(Path.Combine(bad, "tool.toml"), File.ReadAllText(Path.Combine(dir, "tool.toml")) + "\n[security]\nfs_access = \"col\\u001bour\"\n");
        File.AppendAllText(Path.Combine(dir, "tool.toml"), "\n[security]\nenv_allow_list = [\"X\\u001b[2J\\u0007\"]\n");

        var install = await _cli.RunAsync("install", dir);
        var validate = await _cli.RunAsync("validate", bad);

        AssertNoControlCharacters(install);
        AssertNoControlCharacters(validate);
        Assert.Contains("X\\x1b[2J\\x07", install.Out + install.Err, StringComparison.Ordinal);
        Assert.Contains("col\\x1bour", validate.Out + validate.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ConfigUnknownKey_WarnsOnStderrAndInStatus()
    {
        Directory.CreateDirectory(_cli.Home);
        File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), "\"token_flie\" = \"/run/kami/token\"\n");

        var status = (await _cli.RunAsync("status")).Ok();

        Assert.Contains("warning: ", status.Err, StringComparison.Ordinal);
        Assert.Contains("unknown setting \"token_flie\" is ignored", status.Err, StringComparison.Ordinal);
        Assert.Contains("unknown setting \"token_flie\" is ignored", status.Out, StringComparison.Ordinal);
    }
}
