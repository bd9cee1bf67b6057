using Kami.Core.Security.Network;

namespace Kami.Core.Tests.Security.Network;

public sealed class CredentialOriginTests
{
    [Theory]
    [InlineData("api.example.com", "api.example.com", null)]
    [InlineData("API.Example.COM.", "api.example.com", null)]
    [InlineData("bücher.example:8443", "xn--bcher-kva.example:8443", 8443)]
    [InlineData("localhost:8443", "localhost:8443", 8443)]
    [InlineData("localhost:08443", "localhost:8443", 8443)]
    [InlineData("127.0.0.1:1", "127.0.0.1:1", 1)]
    [InlineData("[::1]", "[::1]", null)]
    [InlineData("[0:0:0:0:0:0:0:1]:65535", "[::1]:65535", 65535)]
    public void TryParse_ValidKey_CanonicalHostAndPort(string key, string canonical, int? port)
    {
        Assert.True(CredentialOrigin.TryParse(key, out var origin, out var error), error);
        Assert.Equal((canonical, port), (origin.ToString(), origin.Port));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData(":8443", "has no host")]
    [InlineData("localhost:", "port \"\"")]
    [InlineData("localhost:0", "port \"0\"")]
    [InlineData("localhost:65536", "port \"65536\"")]
    [InlineData("localhost:-1", "port \"-1\"")]
    [InlineData("localhost:+80", "port \"+80\"")]
    [InlineData("localhost:http", "port \"http\"")]
    [InlineData("localhost:99999999999", "port \"99999999999\"")]
    [InlineData("::1", "IPv6 address without brackets")]
    [InlineData("::1:8443", "IPv6 address without brackets")]
    [InlineData("[::1", "no ']'")]
    [InlineData("[::1]8443", "not :port")]
    [InlineData("[localhost]:80", "not an IPv6 address")]
    [InlineData("[::1%lo]:80", "zone")]
    [InlineData("*.example.com", "wildcard")]
    [InlineData("https://api.example.com", "URL")]
    [InlineData("api.example.com/v1", "URL")]
    [InlineData("user@api.example.com", "URL")]
    [InlineData(" localhost", "spaces")]
    [InlineData("127.1:80", "canonical IPv4")]
    [InlineData("bad_name:80", "not a host name")]
    public void TryParse_BadKey_SaysWhy(string key, string reason)
    {
        Assert.False(CredentialOrigin.TryParse(key, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
