using System.Net;
using Kami.Core.Security.Network;
using Kami.Runtime.Http;
using Kami.TestCommon;

namespace Kami.Runtime.Tests.Http;

/// <summary>
/// Where the operator's <c>net_credentials</c> header goes, against loopback servers that log every request: to its
/// host on its port (or the scheme's default port for a key without one), over https unless to loopback, on every hop
/// of a redirect checked again; nowhere else.
/// </summary>
public sealed class OutboundHttpCredentialTests
{
    private const string Tool = "test.tool";
    private const string Secret = "Bearer secret";
    private static readonly HttpLimits Loopback = new() { AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.0/8", "::1"]) };
    private static readonly HostAllowList LocalList = HostAllowList.From(["localhost"]);

    private static LoopbackHttpServer Server() => new(c => c.Response.OutputStream.WriteAsync("reached"u8.ToArray()).AsTask());

    private static OutboundHttp WithCredential(string origin, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) => new(Loopback with
    {
        Credentials = NetCredentials.From([(Tool, CredentialOrigin.Parse(origin), new NetCredential("Authorization", Secret))]),
    }, resolve);

    private static (FetchResponse? Response, FetchError? Error) Send(OutboundHttp http, string url, HostAllowList? list = null) =>
        http.Send(new FetchRequest("GET", url, [], null, null), list ?? LocalList, TimeSpan.FromSeconds(10), default, Tool);

    private static string? AuthorizationOf(LoggedRequest request) => request.Headers.GetValueOrDefault("authorization");

    [Fact]
    public void Send_CredentialForHostAndPort_SentToThatPortOnly()
    {
        // On a shared or loopback host another port is another service, maybe another user's.
        using var portA = Server();
        using var portB = Server();
        using var http = WithCredential($"localhost:{portA.Port}");

        Assert.Null(Send(http, $"http://localhost:{portA.Port}/").Error);
        Assert.Null(Send(http, $"http://localhost:{portB.Port}/").Error);

        Assert.Equal(Secret, AuthorizationOf(Assert.Single(portA.Requests)));
        Assert.Null(AuthorizationOf(Assert.Single(portB.Requests)));
    }

    [Fact]
    public void Send_CredentialForHostAlone_NotSentToAnotherPort()
    {
        using var server = Server();
        using var http = WithCredential("localhost"); // the scheme's default port: 80 for this http URL

        Assert.Null(Send(http, $"http://localhost:{server.Port}/").Error);

        Assert.Null(AuthorizationOf(Assert.Single(server.Requests)));
    }

    [Theory]
    [InlineData(true)]  // from the credentialed port to another port of the same host: not carried there
    [InlineData(false)] // from another port to the credentialed one: each hop is checked again, so it is added there
    public void Send_CredentialRedirectToAnotherPortOfTheSameHost_OnlyTheCredentialedPortGetsIt(bool fromCredentialed)
    {
        using var target = Server();
        using var from = new LoopbackHttpServer(c =>
        {
            c.Response.StatusCode = 302;
            c.Response.AddHeader("Location", $"http://localhost:{target.Port}/next");
            return Task.CompletedTask;
        });
        using var http = WithCredential($"localhost:{(fromCredentialed ? from.Port : target.Port)}");

        var (response, error) = Send(http, $"http://localhost:{from.Port}/go");

        Assert.Null(error);
        Assert.Equal(200, response!.Status);
        Assert.Equal(fromCredentialed ? Secret : null, AuthorizationOf(Assert.Single(from.Requests)));
        Assert.Equal(fromCredentialed ? null : Secret, AuthorizationOf(Assert.Single(target.Requests)));
    }

    [Theory]
    [InlineData("api.example.test", "http://api.example.test/user", "https://api.example.test/user")]
    [InlineData("api.example.test:8080", "http://api.example.test:8080/user", "https://api.example.test:8080/user")]
    public void Send_CredentialedHostOverPlainHttp_DeniedAndNothingSent(string origin, string url, string suggested)
    {
        // An on-path observer would read the operator's secret: a credential goes only over TLS (or to this machine).
        using var http = WithCredential(origin, (_, _) => throw new InvalidOperationException("nothing may be resolved"));

        var (_, error) = Send(http, url, HostAllowList.From(["api.example.test"]));

        Assert.Equal(FetchErrorKind.Denied, error!.Kind);
        Assert.Contains($"only over https; ask for {suggested}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
