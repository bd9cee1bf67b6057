using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Issue 9 item 6: a tool's data goes with it, so a later package with the same id starts empty.</summary>
public sealed class UninstallDataTests : IDisposable
{
    private const string Id = "dev.kami.notes";
    private const string Note = "{\"path\":\"note.txt\",\"content\":\"the first tool's secret\"}";
    private const string ReadNote = "{\"path\":\"note.txt\"}";
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string DataDirectory => Path.Combine(_cli.Home, "data", Id);

    private string Package(string guest, string version, string fs)
    {
        var dir = Path.Combine(_cli.Scratch, $"{guest}-{version}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(dir);
        File.Copy(RepoPaths.Fixture(guest + ".wasm"), Path.Combine(dir, "tool.wasm"));
        File.WriteAllText(Path.Combine(dir, "tool.toml"), $"""
            [tool]
            id = "{Id}"
            name = "notes"
            version = "{version}"
            wasm = "tool.wasm"

            [mcp]
            description = "notes"

            [security]
            fs_access = "{fs}"
            """);
        return dir;
    }

    private async Task WriteNoteAsync()
    {
        (await _cli.RunAsync("install", Package("write_file", "1.0.0", "sandbox"))).Ok();
        (await _cli.RunAsync("exec", Id, "-i", Note)).Ok();
        Assert.True(File.Exists(Path.Combine(DataDirectory, "note.txt")));
    }

    [Fact]
    public async Task Uninstall_DataDirectory_SameIdFromAnotherPackageCannotReadIt()
    {
        await WriteNoteAsync();

        (await _cli.RunAsync("uninstall", Id)).Ok();
        Assert.False(Directory.Exists(DataDirectory));
        (await _cli.RunAsync("install", Package("read_file", "1.0.0", "read-only"))).Ok();
        var read = await _cli.RunAsync("exec", Id, "-i", ReadNote);

        Assert.Equal(1, read.ExitCode);
        Assert.DoesNotContain("secret", read.Out + read.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_KeepData_KeepsTheDataDirectory()
    {
        await WriteNoteAsync();

        var result = (await _cli.RunAsync("uninstall", Id, "--keep-data")).Ok();

        Assert.Contains("data kept in", result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(DataDirectory, "note.txt")));
    }

    [Fact]
    public async Task Upgrade_DataDirectory_IsKept()
    {
        await WriteNoteAsync();

        (await _cli.RunAsync("install", Package("read_file", "2.0.0", "read-only"))).Ok();
        var read = (await _cli.RunAsync("exec", Id, "-i", ReadNote)).Ok();

        Assert.Equal("the first tool's secret", read.Out.Trim());
    }

    [Fact]
    public async Task Uninstall_DataDirectoryIsALink_RemovesOnlyTheLink()
    {
        (await _cli.RunAsync("install", Package("write_file", "1.0.0", "sandbox"))).Ok();
        var victim = Path.Combine(_cli.Scratch, "victim");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "keep.txt"), "not the tool's");
        Directory.CreateDirectory(Path.GetDirectoryName(DataDirectory)!);
        Directory.CreateSymbolicLink(DataDirectory, victim);

        (await _cli.RunAsync("uninstall", Id)).Ok();

        Assert.False(Directory.Exists(DataDirectory));
        Assert.True(File.Exists(Path.Combine(victim, "keep.txt")));
    }
}
