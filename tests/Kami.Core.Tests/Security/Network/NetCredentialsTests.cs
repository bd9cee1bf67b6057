using Kami.Core.Security.Network;

namespace Kami.Core.Tests.Security.Network;

/// <summary>Which requests a <c>net_credentials</c> key applies to: its host, on its port or its scheme's default, nothing else.</summary>
public sealed class NetCredentialsTests
{
    private static readonly NetCredential HostAlone = new("Authorization", "host-alone");
    private static readonly NetCredential OnPort = new("Authorization", "on-port");
    private static readonly NetCredential OnV6 = new("Authorization", "on-v6");

    private static readonly NetCredentials Credentials = NetCredentials.From([
        ("t", CredentialOrigin.Parse("api.example.com"), HostAlone),
        ("t", CredentialOrigin.Parse("localhost:8443"), OnPort),
        ("t", CredentialOrigin.Parse("[::1]:9000"), OnV6),
    ]);

    [Theory]
    [InlineData("https://api.example.com/x", "host-alone")]
    [InlineData("https://API.example.com:443/x", "host-alone")]
    [InlineData("http://api.example.com/x", "host-alone")] // port 80: OutboundHttp then refuses it, it is not loopback
    [InlineData("https://api.example.com:8443/x", null)]
    [InlineData("http://api.example.com:443/x", null)]   // 443 is not http's default port
    [InlineData("https://api.example.com:80/x", null)]
    [InlineData("https://sub.api.example.com/x", null)]
    [InlineData("https://localhost:8443/", "on-port")]
    [InlineData("http://localhost:8443/", "on-port")]
    [InlineData("https://localhost/", null)]
    [InlineData("http://localhost:8444/", null)]
    [InlineData("http://127.0.0.1:8443/", null)]           // another host, although the same machine
    [InlineData("http://[::1]:9000/", "on-v6")]
    [InlineData("http://[0:0:0:0:0:0:0:1]:9000/", "on-v6")]
    [InlineData("http://[::1]/", null)]
    [InlineData("http://localhost:9000/", null)]
    public void For_Request_OnlyItsHostAndPort(string url, string? expected)
    {
        Assert.Equal(expected, Credentials.For("t", new Uri(url))?.Value);
    }

    [Fact]
    public void For_AnotherTool_None()
    {
        Assert.Null(Credentials.For("other", new Uri("https://api.example.com/")));
    }

    [Fact]
    public void For_HostAloneAndItsDefaultPortBothConfigured_ThePortWins()
    {
        var credentials = NetCredentials.From([
            ("t", CredentialOrigin.Parse("api.example.com"), HostAlone),
            ("t", CredentialOrigin.Parse("api.example.com:443"), OnPort),
        ]);

        Assert.Equal(OnPort, credentials.For("t", new Uri("https://api.example.com/")));
        Assert.Equal(HostAlone, credentials.For("t", new Uri("http://api.example.com/")));
    }

    [Fact]
    public void HostsOf_CanonicalKeysSorted()
    {
        Assert.Equal(["[::1]:9000", "api.example.com", "localhost:8443"], Credentials.HostsOf("t"));
        Assert.Empty(Credentials.HostsOf("other"));
    }
}
