using System.Text.Json;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>A [net_allow_list] entry for a tool that is not installed narrows nothing: kami says so instead of staying silent.</summary>
public sealed class UnmatchedAllowListTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Status_OverrideNamesToolNotInstalled_WarnsItNarrowsNothing()
    {
        (await _cli.RunAsync("install", RepoPaths.Example("echo"), "--yes")).Ok();
        File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), """
            [net_allow_list]
            "dev.kami.echo" = ["api.example.com"]
            "dev.kami.ecoh" = ["api.example.com"]
            """);

        var status = (await _cli.RunAsync("status")).Ok();
        var json = (await _cli.RunAsync("status", "--json")).Ok();

        Assert.Contains("\"dev.kami.ecoh\", which is not installed: it narrows nothing", status.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\"dev.kami.echo\", which is not installed", status.Out, StringComparison.Ordinal);
        var warnings = JsonDocument.Parse(json.Out).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Single(warnings, w => w.Contains("dev.kami.ecoh", StringComparison.Ordinal));
    }
}
