using Kami.Core.Hosting;
using Kami.Core.Tools;

namespace Kami.Core.Tests.Hosting;

public sealed class KamiPathsTests
{
    [Fact]
    public void ForHome_NoDatabase_RegistryDbUnderHome()
    {
        var paths = KamiPaths.ForHome("some/relative/home");
        Assert.True(Path.IsPathFullyQualified(paths.Home));
        Assert.Equal(Path.Combine(paths.Home, "registry.db"), paths.Database);
        Assert.Equal(Path.Combine(paths.Home, "tools"), paths.Tools);
        Assert.Equal(Path.Combine(paths.Tools, ".staging"), paths.Staging);
    }

    [Fact]
    public void InstallDirectory_IdVersionAndShaPrefix()
    {
        var paths = KamiPaths.ForHome("/h");
        var sha = new string('a', 64);
        var dir = paths.InstallDirectory(ToolId.Parse("dev.kami.echo"), ToolVersion.Parse("1.2.3-rc.1"), sha);
        Assert.Equal(Path.Combine(paths.Tools, "dev.kami.echo", "1.2.3-rc.1", new string('a', 16)), dir);
    }

    [Fact]
    public void DataDirectory_PerTool()
    {
        var paths = KamiPaths.ForHome("/h", "/elsewhere/r.db");
        Assert.Equal(Path.GetFullPath("/elsewhere/r.db"), paths.Database);
        Assert.Equal(Path.Combine(paths.Home, "data", "dev.kami.echo"), paths.DataDirectory(ToolId.Parse("dev.kami.echo")));
    }
}
