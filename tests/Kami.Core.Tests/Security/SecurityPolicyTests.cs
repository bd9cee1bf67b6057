using Kami.Core.Security;

namespace Kami.Core.Tests.Security;

public sealed class SecurityPolicyTests
{
    [Fact]
    public void DenyAll_Defaults_NoNetworkFilesOrEnvironment()
    {
        var p = SecurityPolicy.DenyAll;
        Assert.Empty(p.NetAllowList);
        Assert.Empty(p.EnvAllowList);
        Assert.Equal(FsAccess.None, p.FsAccess);
        Assert.False(p.HasNetwork);
        Assert.False(p.CanWriteFiles);
        Assert.Equal(SecurityPolicy.DefaultMaxMemoryMb, p.MaxMemoryMb);
        Assert.Equal(SecurityPolicy.DefaultMaxExecutionMs, p.MaxExecutionMs);
        Assert.Equal(SecurityPolicy.DefaultMaxFuel, p.MaxFuel);
    }

    [Fact]
    public void DefaultMaxFuel_AboveWhatATrivialJsCallSpends()
    {
        // docs/compatibility.md: a componentize-js guest spends ~1.2 million fuel on a trivial call.
        Assert.True(SecurityPolicy.DefaultMaxFuel > 10 * 1_200_000ul);
    }

    [Fact]
    public void Equals_SameListContents_Equal()
    {
        var a = new SecurityPolicy { NetAllowList = ["a.example.com"], EnvAllowList = ["KEY"] };
        var b = new SecurityPolicy { NetAllowList = new List<string> { "a.example.com" }, EnvAllowList = new List<string> { "KEY" } };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { FsAccess = FsAccess.Sandbox });
    }

    [Theory]
    [InlineData("none", FsAccess.None)]
    [InlineData("read-only", FsAccess.ReadOnly)]
    [InlineData("sandbox", FsAccess.Sandbox)]
    public void FsAccessNames_RoundTrip(string name, FsAccess access)
    {
        Assert.True(FsAccessNames.TryParse(name, out var parsed));
        Assert.Equal(access, parsed);
        Assert.Equal(name, access.ToManifestName());
    }

    [Theory]
    [InlineData("rw")]
    [InlineData("READ-ONLY")]
    [InlineData("")]
    public void FsAccessNames_Unknown_Rejected(string name) => Assert.False(FsAccessNames.TryParse(name, out _));
}
