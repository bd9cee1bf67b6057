using Kami.Core.Errors;
using Kami.Core.Identity;

namespace Kami.Core.Tests.Identity;

public sealed class ToolAccessTests
{
    [Theory]
    [InlineData("dev.kami.*", "dev.kami.echo", true)]
    [InlineData("dev.kami.*", "DEV.KAMI.echo", true)]
    [InlineData("dev.kami.*", "dev.kamikaze.echo", false)]
    [InlineData("dev.kami.*", "dev.kami", false)]
    [InlineData("dev.*", "dev.acme.search", true)]
    [InlineData("dev.acme.search", "dev.acme.search", true)]
    [InlineData("dev.acme.search", "dev.acme.search-admin", false)]
    [InlineData("dev.acme.search", "dev.acme.searc", false)]
    [InlineData("*", "any.tool", true)]
    public void Pattern_Matches_OnlyWhatItSays(string pattern, string toolId, bool expected) =>
        Assert.Equal(expected, ToolPattern.Parse(pattern).Matches(toolId));

    [Theory]
    [InlineData("dev.*.search")]
    [InlineData("dev.kami*")]
    [InlineData("*.search")]
    [InlineData("**")]
    [InlineData(".*")]
    [InlineData("dev/../x")]
    [InlineData("dev..kami.*")]
    public void Pattern_AnythingElse_RefusedWithTheForms(string pattern)
    {
        var error = Assert.Throws<KamiException>(() => ToolPattern.Parse(pattern));
        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(pattern, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_Union_AllowsEitherAndParsesCommaList()
    {
        var access = ToolAccess.Parse("dev.kami.*, dev.acme.search");
        Assert.True(access.Allows("dev.kami.echo"));
        Assert.True(access.Allows("dev.acme.search"));
        Assert.False(access.Allows("dev.acme.secret"));
        Assert.Equal("dev.kami.*,dev.acme.search", access.ToString());
        Assert.False(ToolAccess.None.Allows("dev.kami.echo"));
        Assert.Throws<KamiException>(() => ToolAccess.Parse(" , "));
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("OPERATOR")]
    [InlineData("")]
    [InlineData("-bot")]
    [InlineData("bot name")]
    [InlineData("bot\u001b[31m")]
    public void ClientName_ReservedOrUnsafe_Refused(string name) =>
        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<KamiException>(() => ClientName.Check(name)).Kind);
}
