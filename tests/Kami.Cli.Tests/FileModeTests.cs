using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Issue 9 item 10: KAMI's home, registry and tool data are its user's only (0700 directories, 0600 files).</summary>
public sealed class FileModeTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Install_FileModes_HomeRegistryAndDataArePrivate()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes only
        var dir = Path.Combine(_cli.Scratch, "pkg");
        Directory.CreateDirectory(dir);
        File.Copy(RepoPaths.Fixture("write_file.wasm"), Path.Combine(dir, "tool.wasm"));
        File.WriteAllText(Path.Combine(dir, "tool.toml"), """
            [tool]
            id = "dev.kami.modes"
            name = "modes"
            version = "1.0.0"
            wasm = "tool.wasm"
            [mcp]
            description = "writes"
            [security]
            fs_access = "sandbox"
            """);

        (await _cli.RunAsync("install", dir)).Ok();
        (await _cli.RunAsync("exec", "dev.kami.modes", "-i", "{\"path\":\"n.txt\",\"content\":\"x\"}")).Ok();

        Assert.Equal(Private, File.GetUnixFileMode(_cli.Home));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(Path.Combine(_cli.Home, "registry.db")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_cli.Home, "data")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_cli.Home, "data", "dev.kami.modes")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(_cli.Home, "tools")));
    }
}
