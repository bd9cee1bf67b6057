using Kami.TestCommon;

namespace Kami.Registry.Sqlite.Tests;

/// <summary>Issue 9 item 10: the registry, its WAL files and the directories made for it are private to KAMI's user.</summary>
public sealed class FileModeTests : IDisposable
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_NewRegistry_FileModesArePrivate()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes only
        var file = _temp.Combine("home", "nested", "registry.db");
        var registry = new SqliteToolRegistry(file);

        registry.Upsert(Tools.Make("dev.kami.echo"));

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(_temp.Combine("home")));
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(_temp.Combine("home", "nested")));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(file));
        Assert.True(File.Exists(file + "-wal"), "the registry runs in WAL mode");
        Assert.Equal(PrivateFile, File.GetUnixFileMode(file + "-wal"));
        Assert.Equal(PrivateFile, File.GetUnixFileMode(file + "-shm"));
    }
}
