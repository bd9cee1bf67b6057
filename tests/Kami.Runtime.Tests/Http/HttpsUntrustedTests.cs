using System.Text.Json;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Security.Network;
using Kami.Runtime.Contracts;
using Kami.Runtime.Http;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;
using Kami.TestCommon.Tls;

namespace Kami.Runtime.Tests.Http;

/// <summary>
/// HTTPS to a server whose certificate this process does not trust (a CA made by the test): the TLS handshake is
/// refused by the client, the guest gets <c>unreachable</c> saying the certificate was not trusted, and no request
/// reaches the server. Trusted HTTPS is tested through a kami process told about the CA (Kami.EndToEnd.Tests).
/// </summary>
public sealed class HttpsUntrustedTests(HttpRuntimeFixture fixture) : IClassFixture<HttpRuntimeFixture>, IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Fetch_HttpsServerWithUntrustedCertificate_UnreachableSaysNotTrustedAndNothingSent()
    {
        using var server = new LoopbackHttpsServer(_certificates.Server, _ => new HttpsAnswer(200, "", "should not be reached"));

        var input = JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = $"https://localhost:{server.Port}/secret" }, HttpTestJson.Default.DictionaryStringString);
        var request = new ExecutionRequest("test.http-fetch", RepoPaths.Fixture("http_fetch.wasm"),
            SecurityPolicy.DenyAll with { NetAllowList = ["localhost"], MaxExecutionMs = 30_000 }, input);
        var result = await fixture.Loopback.ExecuteAsync(request);

        Expect.Failure(result, ErrorKind.GuestFailed, "unreachable: TLS with localhost failed", "certificate is not trusted (PartialChain)", "CA store");
        Assert.Equal(["localhost"], server.ServerNames); // the handshake began, with SNI, and went no further
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Send_HttpsCertificateForAnotherName_UnreachableSaysNameMismatch()
    {
        // The server's certificate names localhost and 127.0.0.1; reached as another loopback name, it does not match.
        using var server = new LoopbackHttpsServer(_certificates.Server, _ => new HttpsAnswer(200, "", "should not be reached"));
        using var http = new OutboundHttp(new HttpLimits { AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.0/8"]) },
            (_, _) => Task.FromResult(new[] { System.Net.IPAddress.Loopback }));

        var (_, error) = http.Send(new FetchRequest("GET", $"https://other.test:{server.Port}/", [], null, null), HostAllowList.From(["other.test"]), TimeSpan.FromSeconds(10), default);

        Assert.Equal(FetchErrorKind.Unreachable, error!.Kind);
        Assert.Contains("TLS with other.test failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("RemoteCertificateNameMismatch", error.Message, StringComparison.Ordinal);
        Assert.Equal(["other.test"], server.ServerNames);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Send_HttpsToPlainHttpServer_UnreachableWithoutBlamingTheCertificate()
    {
        using var server = new LoopbackHttpServer(c => c.Response.OutputStream.WriteAsync("plain"u8.ToArray()).AsTask());
        using var http = new OutboundHttp(new HttpLimits { AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.0/8"]) });

        var (_, error) = http.Send(new FetchRequest("GET", $"https://localhost:{server.Port}/", [], null, null), HostAllowList.From(["localhost"]), TimeSpan.FromSeconds(10), default);

        Assert.Equal(FetchErrorKind.Unreachable, error!.Kind);
        Assert.DoesNotContain("see inner exception", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not trusted", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
