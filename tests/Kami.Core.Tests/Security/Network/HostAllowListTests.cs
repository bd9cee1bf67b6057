using System.Net;
using Kami.Core.Security.Network;

namespace Kami.Core.Tests.Security.Network;

public sealed class HostAllowListTests
{
    [Theory]
    [InlineData("api.example.com", "api.example.com", true)]
    [InlineData("api.example.com", "API.Example.COM", true)]
    [InlineData("api.example.com", "api.example.com.", true)]
    [InlineData("api.example.com.", "api.example.com", true)]
    [InlineData("api.example.com", "example.com", false)]
    [InlineData("api.example.com", "xapi.example.com", false)]
    [InlineData("api.example.com", "api.example.com.evil.net", false)]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "evilexample.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("bücher.example", "xn--bcher-kva.example", true)]
    [InlineData("xn--bcher-kva.example", "bücher.example", true)]
    [InlineData("BÜCHER.example", "bücher.example", true)]
    [InlineData("*", "example.com", false)]
    [InlineData("*.*.com", "a.b.com", false)]
    [InlineData("127.0.0.1", "127.0.0.1", false)] // an address entry never matches as a name
    public void AllowsName_Table_MatchesAsDocumented(string entry, string host, bool allowed) =>
        Assert.Equal(allowed, HostAllowList.From([entry]).AllowsName(host));

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("[::1]", "::1", true)]
    [InlineData("[2001:DB8:0::1]", "2001:db8::1", true)] // any IPv6 spelling of the entry is one address
    [InlineData("2001:db8::1", "2001:db8::2", false)]
    [InlineData("127.1", "127.0.0.1", false)] // a short form in the list is not an address entry
    [InlineData("0x7f.0.0.1", "127.0.0.1", false)]
    [InlineData("2130706433", "127.0.0.1", false)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", false)]
    [InlineData("localhost", "127.0.0.1", false)]
    public void AllowsAddress_Table_OnlyLiteralCanonicalEntries(string entry, string address, bool allowed) =>
        Assert.Equal(allowed, HostAllowList.From([entry]).AllowsAddress(IPAddress.Parse(address)));

    [Fact]
    public void AllowsName_EmptyList_MatchesNothing()
    {
        Assert.True(HostAllowList.Empty.IsEmpty);
        Assert.False(HostAllowList.From([]).AllowsName("example.com"));
    }
}
