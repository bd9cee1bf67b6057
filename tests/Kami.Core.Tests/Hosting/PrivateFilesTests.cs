using Kami.Core.Hosting;
using Kami.TestCommon;

namespace Kami.Core.Tests.Hosting;

/// <summary>Issue 9 item 10: what KAMI creates for itself is 0700/0600, parents included, whatever the umask.</summary>
public sealed class PrivateFilesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void CreateDirectory_FileModesOfMissingParents_AreAll0700()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes only

        PrivateFiles.CreateDirectory(_temp.Combine("a", "b", "c"));

        foreach (var dir in new[] { _temp.Combine("a"), _temp.Combine("a", "b"), _temp.Combine("a", "b", "c") })
            Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(dir));
    }

    [Fact]
    public void WriteAllText_FileModes_TokenFileIs0600()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes only
        var token = _temp.Combine("token");

        PrivateFiles.WriteAllText(token, "0123456789abcdef0123456789abcdef");

        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(token));
        Assert.Equal("0123456789abcdef0123456789abcdef", File.ReadAllText(token));
    }

    [Fact]
    public void CreateFile_FileModesOfExistingFile_AreLeftAlone()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes only
        var file = _temp.Combine("registry.db");
        File.WriteAllText(file, "kept");
        var before = File.GetUnixFileMode(file);

        PrivateFiles.CreateFile(file);

        Assert.Equal(before, File.GetUnixFileMode(file));
        Assert.Equal("kept", File.ReadAllText(file));
    }
}
