using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Issue 11: tools are compiled at install into $KAMI_HOME/cache; `kami cache stats|clear|warm`.</summary>
public sealed class CacheCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string[] Artifacts() =>
        Directory.Exists(Path.Combine(_cli.Home, "cache")) ? Directory.GetFiles(Path.Combine(_cli.Home, "cache"), "*.cwasm") : [];

    [Fact]
    public async Task Install_Tool_CompiledIntoCache()
    {
        var install = (await _cli.RunAsync("install", RepoPaths.Example("echo"))).Ok();

        Assert.Contains("compiled in", install.Err, StringComparison.Ordinal);
        Assert.Single(Artifacts());
        Assert.Contains("1 compiled component,", (await _cli.RunAsync("cache", "stats")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CacheClearThenWarm_RebuildsArtifacts()
    {
        (await _cli.RunAsync("install", RepoPaths.Example("echo"))).Ok();

        Assert.Contains("removed 1 file", (await _cli.RunAsync("cache", "clear")).Out, StringComparison.Ordinal);
        Assert.Empty(Artifacts());
        Assert.Contains("compiled dev.kami.echo", (await _cli.RunAsync("cache", "warm")).Out, StringComparison.Ordinal);
        Assert.Single(Artifacts());
        Assert.Contains("dev.kami.echo was already compiled", (await _cli.RunAsync("cache", "warm")).Out, StringComparison.Ordinal);
        (await _cli.RunAsync("exec", "dev.kami.echo", "-i", "{\"text\":\"a\"}")).Ok();
    }

    [Fact]
    public async Task Install_CacheMaxMbZero_NothingCompiledAhead()
    {
        Directory.CreateDirectory(_cli.Home);
        File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), "cache_max_mb = 0\n");

        var install = (await _cli.RunAsync("install", RepoPaths.Example("echo"))).Ok();

        Assert.DoesNotContain("compiled", install.Err, StringComparison.Ordinal);
        Assert.Empty(Artifacts());
        (await _cli.RunAsync("cache", "warm")).UserError();
        Assert.Empty(_cli.Runtimes);
    }
}
