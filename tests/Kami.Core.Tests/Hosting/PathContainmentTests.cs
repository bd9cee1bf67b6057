using Kami.Core.Hosting;

namespace Kami.Core.Tests.Hosting;

public sealed class PathContainmentTests
{
    [Theory]
    [InlineData("/k/tools", "/k/tools/a/b.wasm", true)]
    [InlineData("/k/tools/", "/k/tools/a", true)]
    [InlineData("/k/tools", "/k/tools", false)]
    [InlineData("/k/tools", "/k/tools-evil/a", false)]
    [InlineData("/k/tools", "/k/tools/../data/x", false)]
    [InlineData("/k/tools", "/k/tools/a/../../tools/b", true)]
    [InlineData("/k/tools", "/elsewhere", false)]
    public void IsInside_PathAgainstDirectory_OnlyStrictlyInside(string directory, string path, bool inside)
    {
        Assert.Equal(inside, PathContainment.IsInside(directory, path));
    }
}
