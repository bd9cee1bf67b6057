using Kami.Packaging.Manifest;

namespace Kami.Packaging.Tests.Manifest;

/// <summary>net_allow_list entry forms (issue 14): IPv6 literals and IDN names accepted and stored canonical; junk refused.</summary>
public sealed class ManifestParserHostFormTests
{
    private static ManifestParseResult WithHosts(params string[] hosts) =>
        ManifestParser.Parse(Toml.Minimal + "[security]\nnet_allow_list = [" + string.Join(", ", hosts.Select(h => $"\"{h}\"")) + "]\n");

    [Theory]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("[2001:DB8:0:0:0:0:0:1]", "2001:db8::1")]
    [InlineData("::1", "::1")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("*.Bücher.example", "*.xn--bcher-kva.example")]
    [InlineData("api.github.com.", "api.github.com")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    public void Parse_HostForm_StoredCanonical(string written, string stored)
    {
        var result = WithHosts(written);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal([stored], result.Manifest!.Security.NetAllowList);
    }

    [Fact]
    public void Parse_SameHostInTwoSpellings_StoredOnce()
    {
        var result = WithHosts("[2001:db8::1]", "2001:DB8::1", "bücher.example", "XN--BCHER-KVA.example");

        Assert.Equal(["2001:db8::1", "xn--bcher-kva.example"], result.Manifest!.Security.NetAllowList);
    }

    [Theory]
    [InlineData("user@example.com", "user info")]
    [InlineData("example.com:8080", "port")]
    [InlineData("[2001:db8::1]:443", "IPv6 address in brackets")]
    [InlineData("example.com/api", "path")]
    [InlineData("*", "'*'")]
    [InlineData("*.", "not a host name")]
    [InlineData("*.10.0.0.1", "wildcard over an IP address")]
    [InlineData("a..example.com", "not a host name")]
    [InlineData("127.1", "write it as 127.0.0.1")]
    [InlineData("0x7f.0.0.1", "write it as 127.0.0.1")]
    [InlineData("fe80::1%eth0", "zone")]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped")]
    public void Parse_JunkHost_ReportedWithReason(string host, string reason)
    {
        var problem = Assert.Single(WithHosts(host).Errors);

        Assert.Equal("security.net_allow_list", problem.Field);
        Assert.Equal(10, problem.Line);
        Assert.Contains($"\"{host}\"", problem.Message, StringComparison.Ordinal);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }
}
