using Kami.TestCommon;
using System.Net;
using System.Text;
using Kami.Core.Security.Network;
using Kami.Runtime.Http;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>
/// <see cref="OutboundHttp"/> with a resolver the test controls, playing a hostile DNS: the addresses a name resolves
/// to are checked, and the socket connects to the checked ones, never to a second answer.
/// </summary>
public sealed class OutboundHttpTests
{
    private static readonly HttpLimits Loopback = new() { AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.0/8"]) };

    private static LoopbackHttpServer Server() => new(c =>
    {
        var bytes = Encoding.UTF8.GetBytes("reached");
        return c.Response.OutputStream.WriteAsync(bytes).AsTask();
    });

    private static FetchRequest Get(string url) => new("GET", url, [], null, null);

    [Fact]
    public void Send_NameResolvingToPrivateAndCoveredAddresses_ConnectsOnlyToCovered()
    {
        using var server = Server();
        // A decoy on 127.0.0.2, same port: it is loopback too, but the operator covers only 127.0.0.1.
        var decoy = new System.Net.Sockets.TcpListener(IPAddress.Parse("127.0.0.2"), server.Port);
        decoy.Start();
        var calls = 0;
        using var http = new OutboundHttp(new HttpLimits { AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.1"]) }, (_, _) =>
        {
            calls++;
            return Task.FromResult(new[] { IPAddress.Parse("127.0.0.2"), IPAddress.Loopback });
        });

        var (response, error) = http.Send(Get($"http://api.rebind.test:{server.Port}/"), HostAllowList.From(["api.rebind.test"]), TimeSpan.FromSeconds(10), default);
        var decoyReached = decoy.Pending();
        decoy.Stop();
        Assert.False(decoyReached, "the socket connected to an address the check refused");

        // The loopback listener answered (its own 404 for a Host it does not serve): the socket went to 127.0.0.1.
        Assert.Null(error);
        Assert.Equal(404, response!.Status);
        Assert.Equal(1, calls); // one lookup: the name exists only in this resolver, so a second (system) lookup would have failed
    }

    [Fact]
    public async Task Send_Ipv6LiteralListed_ReachesIt()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var seen = "";
            while (!seen.Contains("\r\n\r\n", StringComparison.Ordinal)) seen += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nv6"));
            return seen;
        });
        using var http = new OutboundHttp(new HttpLimits { AllowPrivate = PrivateNetworkAllowance.Parse(["::1"]) });

        var (response, error) = http.Send(Get($"http://[::1]:{port}/six"), HostAllowList.From(["[::1]"]), TimeSpan.FromSeconds(10), default);

        Assert.Null(error);
        Assert.Equal("v6", response!.Text);
        Assert.StartsWith("GET /six HTTP/1.1", await serve, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("fd00::1")]
    public void Send_ListedNameResolvingToPrivateAddress_DeniedAndNothingSent(string address)
    {
        using var server = Server();
        using var http = new OutboundHttp(new HttpLimits(), (_, _) => Task.FromResult(new[] { IPAddress.Parse(address) }));

        var (_, error) = http.Send(Get($"http://api.rebind.test:{server.Port}/"), HostAllowList.From(["api.rebind.test"]), TimeSpan.FromSeconds(10), default);

        Assert.Equal(FetchErrorKind.Denied, error!.Kind);
        Assert.Contains("net_allow_private", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("Host")]
    [InlineData("content-length")]
    [InlineData("Transfer-Encoding")]
    [InlineData("Connection")]
    [InlineData("Upgrade")]
    [InlineData("TE")]
    [InlineData("Trailer")]
    [InlineData("Expect")]
    [InlineData("Proxy-Authorization")]
    [InlineData("X-Bad\r\nInjected")]
    public void Send_ForbiddenHeader_InvalidAndNothingSent(string name)
    {
        using var server = Server();
        using var http = new OutboundHttp(Loopback);

        var request = new FetchRequest("GET", $"http://127.0.0.1:{server.Port}/", [new(name, "x")], null, null);
        var (_, error) = http.Send(request, HostAllowList.From(["127.0.0.1"]), TimeSpan.FromSeconds(10), default);

        Assert.Equal(FetchErrorKind.Invalid, error!.Kind);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Send_HeaderValueWithLineBreak_Invalid()
    {
        using var http = new OutboundHttp(Loopback);

        var request = new FetchRequest("GET", "http://127.0.0.1:9/", [new("X-A", "1\r\nHost: evil")], null, null);
        var (_, error) = http.Send(request, HostAllowList.From(["127.0.0.1"]), TimeSpan.FromSeconds(10), default);

        Assert.Equal(FetchErrorKind.Invalid, error!.Kind);
    }

    [Theory]
    [InlineData("CONNECT")]
    [InlineData("TRACE")]
    [InlineData("GET /x HTTP/1.1")]
    public void Send_DisallowedMethod_Invalid(string method)
    {
        using var http = new OutboundHttp(Loopback);

        var (_, error) = http.Send(new FetchRequest(method, "http://127.0.0.1:9/", [], null, null), HostAllowList.From(["127.0.0.1"]), TimeSpan.FromSeconds(10), default);

        Assert.Equal(FetchErrorKind.Invalid, error!.Kind);
    }

    [Fact]
    public void Send_BodyOverLimit_TooLargeAndNothingSent()
    {
        using var server = Server();
        using var http = new OutboundHttp(Loopback);

        var request = new FetchRequest("POST", $"http://127.0.0.1:{server.Port}/", [], new byte[(1 << 20) + 1], null);
        var (_, error) = http.Send(request, HostAllowList.From(["127.0.0.1"]), TimeSpan.FromSeconds(10), default);

        Assert.Equal(FetchErrorKind.TooLarge, error!.Kind);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Send_NoTimeLeftInCall_TimeoutWithoutSending()
    {
        using var server = Server();
        using var http = new OutboundHttp(Loopback);

        var (_, error) = http.Send(Get($"http://127.0.0.1:{server.Port}/"), HostAllowList.From(["127.0.0.1"]), TimeSpan.Zero, default);

        Assert.Equal(FetchErrorKind.Timeout, error!.Kind);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Send_CallCancelled_TimeoutWithoutSending()
    {
        using var server = Server();
        using var http = new OutboundHttp(Loopback);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var (_, error) = http.Send(Get($"http://127.0.0.1:{server.Port}/"), HostAllowList.From(["127.0.0.1"]), TimeSpan.FromSeconds(10), cancelled.Token);

        Assert.Equal(FetchErrorKind.Timeout, error!.Kind);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Send_RedirectLoop_StopsAfterFiveHops()
    {
        LoopbackHttpServer? self = null;
        using var server = self = new LoopbackHttpServer(c =>
        {
            c.Response.StatusCode = 302;
            c.Response.RedirectLocation = $"http://127.0.0.1:{self!.Port}/again";
            return Task.CompletedTask;
        });
        using var http = new OutboundHttp(Loopback);

        var (_, error) = http.Send(Get($"http://127.0.0.1:{server.Port}/"), HostAllowList.From(["127.0.0.1"]), TimeSpan.FromSeconds(10), default);

        Assert.Equal(FetchErrorKind.Denied, error!.Kind);
        Assert.Contains("more than 5 redirects", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, server.Requests.Count);
    }
}
