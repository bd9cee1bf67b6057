using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Core.Tests.Tools;

public sealed class ToolIdTests
{
    [Theory]
    [InlineData("dev.kami.hash-compute")]
    [InlineData("dev.kami.echo")]
    [InlineData("dev.example.fetch-url")]
    [InlineData("io.github.some_user.json-query")]
    [InlineData("a.b")]
    [InlineData("com.3dtools.v2")]
    public void TryParse_RealIds_Accepted(string text)
    {
        Assert.True(ToolId.TryParse(text, out var id, out var error), error);
        Assert.Equal(text, id.Value);
        Assert.Equal(text, id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("nodot")]
    [InlineData("dev..kami")]
    [InlineData("..")]
    [InlineData(".dev.kami")]
    [InlineData("dev.kami.")]
    [InlineData("dev/kami.echo")]
    [InlineData("dev\\kami.echo")]
    [InlineData("dev.kami echo")]
    [InlineData(" dev.kami")]
    [InlineData("dev.kami\t")]
    [InlineData("dev.kämi.echo")]
    [InlineData("dev.kami.ｅcho")]
    [InlineData("dev.-kami")]
    [InlineData("-dev.kami")]
    [InlineData("dev._kami")]
    [InlineData("dev.kami:echo")]
    [InlineData("dev.kami\0echo")]
    public void TryParse_InvalidIds_RejectedWithMessage(string? text)
    {
        Assert.False(ToolId.TryParse(text, out var id, out var error));
        Assert.Null(id);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void TryParse_129Characters_Rejected()
    {
        var text = "dev." + new string('a', ToolId.MaxLength - 3);
        Assert.Equal(129, text.Length);
        Assert.False(ToolId.TryParse(text, out _, out var error));
        Assert.Contains("128", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_128Characters_Accepted()
    {
        var text = "dev." + new string('a', ToolId.MaxLength - 4);
        Assert.True(ToolId.TryParse(text, out _, out _));
    }

    [Fact]
    public void Parse_Invalid_ThrowsInvalidInput()
    {
        var e = Assert.Throws<KamiException>(() => ToolId.Parse("nodot"));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
    }

    [Fact]
    public void Equals_DifferentCase_EqualWithSameHash()
    {
        var a = ToolId.Parse("dev.kami.Echo");
        var b = ToolId.Parse("DEV.kami.echo");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
        Assert.Single(new HashSet<ToolId> { a, b });
    }

    [Fact]
    public void Equals_DifferentIds_NotEqual()
    {
        Assert.NotEqual(ToolId.Parse("dev.kami.echo"), ToolId.Parse("dev.kami.echo2"));
        Assert.False(ToolId.Parse("dev.kami.echo") == null);
    }
}
