using Kami.Core.Security.Network;

namespace Kami.Core.Tests.Security.Network;

/// <summary>Operators narrow, never widen: the effective list is the intersection of the tool's and the operator's.</summary>
public sealed class AllowListNarrowingTests
{
    private static AllowListEntry[] Entries(string list) =>
        [.. Split(list).Select(e => AllowListEntry.Parse(e, out var error) ?? throw new ArgumentException(error))];

    private static string[] Split(string list) => list.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    // tool list | operator list | effective | dropped
    [InlineData("api.github.com uploads.github.com", "api.github.com", "api.github.com", "")]
    [InlineData("api.github.com", "API.GitHub.com.", "api.github.com", "")]
    [InlineData("api.x.com", "*.com", "api.x.com", "")] // a wide operator wildcard keeps only what the tool listed
    [InlineData("api.x.com", "*.x.com", "api.x.com", "")]
    [InlineData("*.x.com", "*.com", "*.x.com", "")]
    [InlineData("*.x.com", "a.x.com", "a.x.com", "")]
    [InlineData("*.x.com", "*.a.x.com", "*.a.x.com", "")]
    [InlineData("*.example.com", "example.com", "", "example.com")] // the apex is not under the wildcard
    [InlineData("example.com", "*.example.com", "", "*.example.com")]
    [InlineData("api.x.com", "evil.com", "", "evil.com")]
    [InlineData("api.x.com", "api.x.com evil.com", "api.x.com", "evil.com")]
    [InlineData("*.x.com", "notx.com", "", "notx.com")]
    [InlineData("api.x.com other.org", "*.com", "api.x.com", "")]
    [InlineData("bücher.example", "xn--bcher-kva.example", "xn--bcher-kva.example", "")]
    [InlineData("xn--bcher-kva.example", "BÜCHER.example", "xn--bcher-kva.example", "")]
    [InlineData("127.0.0.1", "127.0.0.1", "127.0.0.1", "")]
    [InlineData("*.com", "127.0.0.1", "", "127.0.0.1")] // no wildcard covers an address
    [InlineData("127.0.0.1", "10.0.0.1", "", "10.0.0.1")]
    [InlineData("2001:db8::1", "[2001:DB8::1]", "2001:db8::1", "")]
    [InlineData("127.1 api.x.com", "*.com", "api.x.com", "")] // an invalid declared entry matches nothing, narrowed or not
    [InlineData("api.x.com", "", "", "")] // an empty override reaches nothing
    [InlineData("", "api.x.com", "", "api.x.com")] // a tool with no list gains nothing
    public void Narrow_Table_Intersection(string tool, string operatorList, string effective, string dropped)
    {
        var narrowed = AllowListNarrowing.Narrow(Split(tool), Entries(operatorList));

        Assert.Equal(Split(effective), narrowed.Effective);
        Assert.Equal(Split(dropped), narrowed.Dropped);
    }

    [Theory]
    [InlineData("api.x.com", "*.com", "evil.com")]
    [InlineData("api.x.com", "*.com", "x.com")]
    [InlineData("api.x.com", "*.x.com", "b.x.com")]
    [InlineData("*.example.com", "*.example.com", "example.com")]
    [InlineData("api.x.com", "evil.com", "evil.com")]
    public void Matcher_OperatorWiderThanTool_DoesNotReachBeyondTool(string tool, string operatorList, string host)
    {
        var lists = OperatorAllowLists.From([("t.tool", Entries(operatorList))]);

        var matcher = lists.Matcher("t.tool", Split(tool));

        Assert.False(matcher.AllowsName(host));
        Assert.True(matcher.NarrowedByOperator);
    }

    [Fact]
    public void Matcher_OtherTool_KeepsDeclaredList()
    {
        var lists = OperatorAllowLists.From([("t.tool", Entries("api.x.com"))]);

        var matcher = lists.Matcher("t.other", ["other.org"]);

        Assert.True(matcher.AllowsName("other.org"));
        Assert.False(matcher.NarrowedByOperator);
        Assert.Null(lists.Narrow("t.other", ["other.org"]));
    }

    [Fact]
    public void Matcher_EmptyOverride_ReachesNothing()
    {
        var lists = OperatorAllowLists.From([("t.tool", Array.Empty<AllowListEntry>())]);

        var matcher = lists.Matcher("t.tool", ["api.x.com"]);

        Assert.True(matcher.IsEmpty);
        Assert.False(matcher.AllowsName("api.x.com"));
    }

    [Fact]
    public void Equals_SameRows_Equal() =>
        Assert.Equal(OperatorAllowLists.From([("t.tool", Entries("a.com *.b.com"))]), OperatorAllowLists.From([("t.tool", Entries("A.com *.B.com"))]));
}
