using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Core.Tests.Tools;

public sealed class ToolVersionTests
{
    [Fact]
    public void Parse_PreReleaseAndBuild_AllPartsRead()
    {
        var v = ToolVersion.Parse("1.2.3-beta.11+build.5");
        Assert.Equal(1ul, v.Major);
        Assert.Equal(2ul, v.Minor);
        Assert.Equal(3ul, v.Patch);
        Assert.Equal(["beta", "11"], v.PreRelease);
        Assert.Equal("build.5", v.Build);
        Assert.True(v.IsPreRelease);
        Assert.Equal("1.2.3-beta.11+build.5", v.ToString());
    }

    [Theory]
    [InlineData("0.0.0")]
    [InlineData("1.0.0")]
    [InlineData("10.20.30")]
    [InlineData("1.0.0-alpha")]
    [InlineData("1.0.0-0.3.7")]
    [InlineData("1.0.0-x.7.z.92")]
    [InlineData("1.0.0-x-y-z.--")]
    [InlineData("1.0.0+20130313144700")]
    [InlineData("1.0.0-beta+exp.sha.5114f85")]
    [InlineData("18446744073709551615.0.0")]
    public void TryParse_ValidSemVer_RoundTrips(string text)
    {
        Assert.True(ToolVersion.TryParse(text, out var v, out var error), error);
        Assert.Equal(text, v.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("01.0.0")]
    [InlineData("1.01.0")]
    [InlineData("1.0.00")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0-alpha..1")]
    [InlineData("v1.0.0")]
    [InlineData(" 1.0.0")]
    [InlineData("1.0.0 ")]
    [InlineData("1.0.0.0")]
    [InlineData("18446744073709551616.0.0")]
    public void TryParse_NotSemVer_Rejected(string? text)
    {
        Assert.False(ToolVersion.TryParse(text, out var v, out var error));
        Assert.Null(v);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Parse_Invalid_ThrowsInvalidInput()
    {
        var e = Assert.Throws<KamiException>(() => ToolVersion.Parse("1.0"));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
    }

    [Fact]
    public void CompareTo_SemVerOrgPrecedenceExample_Ascending()
    {
        string[] ordered =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0",
        ];
        var versions = ordered.Select(ToolVersion.Parse).ToList();
        for (var i = 0; i < versions.Count - 1; i++)
        {
            Assert.True(versions[i] < versions[i + 1], $"{versions[i]} < {versions[i + 1]}");
            Assert.True(versions[i + 1] > versions[i], $"{versions[i + 1]} > {versions[i]}");
        }
        var shuffled = versions.AsEnumerable().Reverse().OrderBy(v => v).Select(v => v.ToString());
        Assert.Equal(ordered, shuffled);
    }

    [Fact]
    public void Equals_BuildMetadataDiffers_EqualPrecedence()
    {
        var a = ToolVersion.Parse("1.0.0+a");
        var b = ToolVersion.Parse("1.0.0+b");
        Assert.Equal(0, a.CompareTo(b));
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a <= b && a >= b);
    }

    [Fact]
    public void CompareTo_NumericIdentifiers_ComparedNumerically()
    {
        Assert.True(ToolVersion.Parse("1.0.0-2") < ToolVersion.Parse("1.0.0-10"));
        Assert.True(ToolVersion.Parse("1.0.0-10") < ToolVersion.Parse("1.0.0-a"));
        Assert.True(ToolVersion.Parse("1.9.0") < ToolVersion.Parse("1.10.0"));
    }
}
