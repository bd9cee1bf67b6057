using Kami.Core.Security.Network;

namespace Kami.Core.Tests.Security.Network;

public sealed class OutboundTargetTests
{
    private static readonly HostAllowList List = HostAllowList.From(["allowed.example", "*.wild.example", "127.0.0.1", "::1", "93.184.215.14"]);

    [Theory]
    [InlineData("https://allowed.example/path?q=1")]
    [InlineData("http://ALLOWED.example:8080/")]
    [InlineData("https://allowed.example./")]
    [InlineData("https://a.wild.example/")]
    [InlineData("http://allowed。example/")] // IDNA maps the ideographic full stop: the same listed name
    [InlineData("http://127.0.0.1:9000/")]
    [InlineData("http://[::1]:9000/")]
    [InlineData("http://93.184.215.14/")]
    public void Check_AllowedUrl_Passes(string url)
    {
        Assert.Null(OutboundTarget.Check(url, List, out var uri));
        Assert.NotNull(uri);
    }

    [Theory]
    [InlineData("http://other.example/", "not on the tool's net_allow_list")]
    [InlineData("http://wild.example/", "not on the tool's net_allow_list")] // apex of a wildcard
    [InlineData("http://allowed.example.evil.net/", "not on the tool's net_allow_list")]
    [InlineData("http://allowed.example@evil.net/", "user info")]
    [InlineData("http://evil.net@allowed.example/", "user info")]
    [InlineData("http://user:pw@allowed.example/", "user info")]
    [InlineData("http://2130706433/", "not a canonical IP address")]
    [InlineData("http://0x7f.1/", "not a canonical IP address")]
    [InlineData("http://0x7f000001/", "not a canonical IP address")]
    [InlineData("http://0177.0.0.1/", "not a canonical IP address")]
    [InlineData("http://127.1/", "not a canonical IP address")]
    [InlineData("http://127.0.0.2/", "not on the tool's net_allow_list")]
    [InlineData("http://[::ffff:127.0.0.1]/", "not on the tool's net_allow_list")]
    [InlineData("http://[0:0:0:0:0:0:0:1]/", "not a canonical IP address")]
    [InlineData("http://allowed.example:80@evil.net/", "user info")]
    [InlineData("http://evil.net#@allowed.example/", "not on the tool's net_allow_list")]
    [InlineData("http://evil.net?@allowed.example/", "not on the tool's net_allow_list")]
    [InlineData("http://[::ffff:7f00:1]/", "not a canonical IP address")]
    [InlineData("http://0.0.0.0/", "not on the tool's net_allow_list")]
    [InlineData("file:///etc/passwd", "scheme \"file\"")]
    [InlineData("gopher://allowed.example/", "scheme \"gopher\"")]
    [InlineData("ftp://allowed.example/", "scheme \"ftp\"")]
    [InlineData("ws://allowed.example/", "scheme \"ws\"")]
    public void Check_HostileUrl_Denied(string url, string reason)
    {
        var refusal = OutboundTarget.Check(url, List, out _);

        Assert.NotNull(refusal);
        Assert.False(refusal.Invalid, refusal.Reason);
        Assert.Contains(reason, refusal.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://allowed.example\\@evil.net/")]
    [InlineData("http://evil.net\\@allowed.example/")]
    [InlineData("http://%61llowed.example/")]
    [InlineData("http://allowed.example%2eevil.net/")]
    public void Check_HostWrittenAmbiguously_RefusedAsInvalid(string url)
    {
        // Where the host as written and as Uri reads it could differ, refuse rather than guess which one a server sees.
        var refusal = OutboundTarget.Check(url, List, out _);

        Assert.NotNull(refusal);
        Assert.True(refusal.Invalid, refusal.Reason);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("http://allowed.example/a b")]
    [InlineData("http://allowed.example/\r\nX-Injected: 1")]
    public void Check_MalformedUrl_Invalid(string url)
    {
        var refusal = OutboundTarget.Check(url, List, out _);

        Assert.NotNull(refusal);
        Assert.True(refusal.Invalid, refusal.Reason);
    }

    [Fact]
    public void Check_EmptyList_SaysToolDeclaresNoHosts()
    {
        var refusal = OutboundTarget.Check("https://allowed.example/", HostAllowList.Empty, out _);

        Assert.Contains("declares no hosts", refusal!.Reason, StringComparison.Ordinal);
    }
}
