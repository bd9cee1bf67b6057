using System.Net;
using Kami.Core.Security.Network;

namespace Kami.Core.Tests.Security.Network;

public sealed class PrivateNetworkAllowanceTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "api.internal", "10.2.3.4", true)]
    [InlineData("10.0.0.0/8", "api.internal", "11.2.3.4", false)]
    [InlineData("127.0.0.1", "x", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "x", "127.0.0.2", false)]
    [InlineData("127.0.0.0/8", "x", "::ffff:127.0.0.1", true)]
    [InlineData("fd00::/8", "x", "fd00::5", true)]
    [InlineData("api.internal", "API.internal.", "10.2.3.4", true)]
    [InlineData("api.internal", "other.internal", "10.2.3.4", false)]
    public void Covers_Table_MatchesAsDocumented(string entry, string host, string address, bool covered) =>
        Assert.Equal(covered, PrivateNetworkAllowance.Parse([entry]).Covers(host, IPAddress.Parse(address)));

    [Fact]
    public void Covers_None_CoversNothing() =>
        Assert.False(PrivateNetworkAllowance.None.Covers("localhost", IPAddress.Loopback));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("not a host!")]
    public void Parse_BadEntry_ThrowsNamingIt(string entry)
    {
        var e = Assert.Throws<FormatException>(() => PrivateNetworkAllowance.Parse([entry]));
        Assert.Contains(entry, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_SameEntries_Equal()
    {
        Assert.Equal(PrivateNetworkAllowance.Parse(["10.0.0.0/8", "api.internal"]), PrivateNetworkAllowance.Parse(["10.0.0.0/8", "api.internal"]));
        Assert.NotEqual(PrivateNetworkAllowance.Parse(["10.0.0.0/8"]), PrivateNetworkAllowance.Parse(["10.0.0.0/16"]));
        Assert.Equal(PrivateNetworkAllowance.None, PrivateNetworkAllowance.Parse([]));
    }
}
