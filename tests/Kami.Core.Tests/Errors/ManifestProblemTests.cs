using Kami.Core.Errors;

namespace Kami.Core.Tests.Errors;

public sealed class ManifestProblemTests
{
    [Fact]
    public void ToString_WithLine_FileColonLine()
    {
        var p = ManifestProblem.Error("tool.toml", 7, "security.fs_access", "bad");
        Assert.Equal("tool.toml:7: bad", p.ToString());
    }

    [Fact]
    public void ToString_Warning_SaysWarning()
    {
        Assert.Equal("tool.toml:3: warning: odd", ManifestProblem.Warning("tool.toml", 3, null, "odd").ToString());
        Assert.Equal("tool.toml: warning: odd", ManifestProblem.Warning("tool.toml", null, null, "odd").ToString());
    }

    [Fact]
    public void ManifestInvalidException_SeveralErrors_ListsEachButNotWarnings()
    {
        var e = new ManifestInvalidException(
        [
            ManifestProblem.Error("tool.toml", 2, null, "first"),
            ManifestProblem.Warning("tool.toml", 3, null, "just a warning"),
            ManifestProblem.Error("tool.toml", 4, null, "second"),
        ]);
        Assert.Equal(ErrorKind.ManifestInvalid, e.Kind);
        Assert.True(e.IsUserError);
        Assert.Contains("2 problems", e.Message, StringComparison.Ordinal);
        Assert.Contains("tool.toml:2: first", e.Message, StringComparison.Ordinal);
        Assert.Contains("tool.toml:4: second", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("just a warning", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorKind.Internal, false)]
    [InlineData(ErrorKind.RegistryUnavailable, false)]
    [InlineData(ErrorKind.ToolNotFound, true)]
    [InlineData(ErrorKind.LimitExceeded, true)]
    public void IsUserError_ByKind(ErrorKind kind, bool expected) => Assert.Equal(expected, new KamiException(kind, "x").IsUserError);
}
