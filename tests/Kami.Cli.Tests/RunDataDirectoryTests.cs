using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Issue 9 item 8: <c>kami run</c> keeps dev data in a fresh private directory, never a fixed, linkable path.</summary>
public sealed class RunDataDirectoryTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _name = "devtool" + Guid.NewGuid().ToString("n")[..12];
    private string? _planted;

    public void Dispose()
    {
        if (_planted is not null) File.Delete(_planted);
        _cli.Dispose();
    }

    /// <summary>The guest copied under this test's own name, so its tool id (from the file name) is unique.</summary>
    private string Guest(string fixture)
    {
        var dir = Path.Combine(_cli.Scratch, fixture);
        Directory.CreateDirectory(dir);
        var copy = Path.Combine(dir, _name + ".wasm");
        File.Copy(RepoPaths.Fixture(fixture + ".wasm"), copy);
        return copy;
    }

    [Fact]
    public async Task Run_DataDirectoryLinkPlantedAtOldFixedPath_IsNotFollowed()
    {
        var victim = Path.Combine(_cli.Scratch, "victim");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "id_rsa"), "PRIVATE KEY");
        var fixedRoot = Path.Combine(Path.GetTempPath(), "kami-run");
        Directory.CreateDirectory(fixedRoot);
        _planted = Path.Combine(fixedRoot, _name);
        Directory.CreateSymbolicLink(_planted, victim);

        var result = await _cli.RunAsync("run", Guest("read_file"), "--fs", "read-only", "-i", "{\"path\":\"id_rsa\"}");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("PRIVATE KEY", result.Out + result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DataDirectory_IsFreshForEachRun()
    {
        (await _cli.RunAsync("run", Guest("write_file"), "--fs", "sandbox", "-i", "{\"path\":\"note.txt\",\"content\":\"left behind\"}")).Ok();

        var read = await _cli.RunAsync("run", Guest("read_file"), "--fs", "read-only", "-i", "{\"path\":\"note.txt\"}");

        Assert.Equal(1, read.ExitCode);
        Assert.DoesNotContain("left behind", read.Out, StringComparison.Ordinal);
    }
}
