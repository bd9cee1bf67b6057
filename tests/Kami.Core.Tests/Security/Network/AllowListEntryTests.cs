using Kami.Core.Security.Network;

namespace Kami.Core.Tests.Security.Network;

public sealed class AllowListEntryTests
{
    [Theory]
    [InlineData("api.github.com", AllowListEntryKind.Name, "api.github.com")]
    [InlineData("API.GitHub.COM", AllowListEntryKind.Name, "api.github.com")]
    [InlineData("api.github.com.", AllowListEntryKind.Name, "api.github.com")]
    [InlineData("localhost", AllowListEntryKind.Name, "localhost")]
    [InlineData("bücher.example", AllowListEntryKind.Name, "xn--bcher-kva.example")]
    [InlineData("BÜCHER.example", AllowListEntryKind.Name, "xn--bcher-kva.example")]
    [InlineData("xn--bcher-kva.example", AllowListEntryKind.Name, "xn--bcher-kva.example")]
    [InlineData("*.Example.com", AllowListEntryKind.Wildcard, "example.com")]
    [InlineData("*.bücher.example", AllowListEntryKind.Wildcard, "xn--bcher-kva.example")]
    [InlineData("10.0.0.1", AllowListEntryKind.Address, "10.0.0.1")]
    [InlineData("2001:db8::1", AllowListEntryKind.Address, "2001:db8::1")]
    [InlineData("[2001:db8::1]", AllowListEntryKind.Address, "2001:db8::1")]
    [InlineData("[2001:DB8:0:0:0:0:0:1]", AllowListEntryKind.Address, "2001:db8::1")]
    [InlineData("::1", AllowListEntryKind.Address, "::1")]
    public void Parse_ValidEntry_CanonicalForm(string raw, AllowListEntryKind kind, string value)
    {
        var entry = AllowListEntry.Parse(raw, out var error);
        Assert.Null(error);
        Assert.Equal((kind, value), (entry!.Kind, entry.Value));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("*", "'*'")]
    [InlineData("*.", "not a host name")]
    [InlineData("*.*.com", "'*'")]
    [InlineData("a.*.com", "'*'")]
    [InlineData("*example.com", "'*'")]
    [InlineData("http://example.com", "URL")]
    [InlineData("user@example.com", "user info")]
    [InlineData("example.com/path", "path")]
    [InlineData("example.com:443", "port")]
    [InlineData("[::1]:443", "IPv6 address in brackets")]
    [InlineData("1.2.3.4:80", "port")]
    [InlineData("a..b.com", "not a host name")]
    [InlineData(".example.com", "not a host name")]
    [InlineData("-bad.com", "not a host name")]
    [InlineData("exa mple.com", "spaces")]
    [InlineData("exa_mple.com", "not a host name")]
    [InlineData("127.1", "write it as 127.0.0.1")]
    [InlineData("0x7f.0.0.1", "write it as 127.0.0.1")]
    [InlineData("2130706433", "write it as 127.0.0.1")]
    [InlineData("127.000.000.001", "write it as 127.0.0.1")]
    [InlineData("1.2.3.4.", "IP address in another spelling")]
    [InlineData("*.127.0.0.1", "wildcard over an IP address")]
    [InlineData("*.0.0.1", "wildcard over an IP address")]
    [InlineData("fe80::1%eth0", "zone")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped")]
    [InlineData("[example.com]", "IPv6 address in brackets")]
    public void Parse_Junk_RefusedWithReason(string raw, string reason)
    {
        Assert.Null(AllowListEntry.Parse(raw, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "*.b.example.com", true)]
    [InlineData("*.example.com", "*.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "notexample.com", false)]
    [InlineData("*.example.com", "*.com", false)]
    [InlineData("example.com", "a.example.com", false)]
    [InlineData("example.com", "*.example.com", false)]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("*.com", "127.0.0.1", false)]
    [InlineData("*.0.1", "127.0.0.1", false)]
    public void Covers_Table_IsSubsetRelation(string outer, string inner, bool covers)
    {
        var a = AllowListEntry.Parse(outer, out _);
        var b = AllowListEntry.Parse(inner, out _);
        if (a is null) Assert.False(covers); // "*.0.1" is no entry at all, so it covers nothing
        else Assert.Equal(covers, a.Covers(b!));
    }
}
