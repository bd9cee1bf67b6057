using System.Net;
using System.Net.Sockets;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;
using Kami.TestCommon.Tls;

namespace Kami.EndToEnd.Tests.Http;

/// <summary>
/// HTTPS through a real <c>kami run</c> process: the test's CA is trusted only because the process's SSL_CERT_FILE
/// names it (what .NET reads on Linux through OpenSSL), and the operator's net_allow_private covers loopback for this
/// process only. Pins that certificate validation is on (the same server is refused without the CA), that SNI is the
/// URL's host name, that an https → http redirect is refused, and that kami's own proxy variables never carry a
/// tool's request.
/// </summary>
public sealed class HttpsKamiProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestCertificates _certificates = new();
    private readonly string _caFile;
    private readonly string _package;

    public HttpsKamiProcessTests()
    {
        _caFile = _certificates.WriteAuthorityPem(_dir.Combine("test-ca.pem"));
        // The http_fetch fixture guest as a package whose allow-list names localhost.
        _package = _dir.Combine("fetch");
        Directory.CreateDirectory(_package);
        File.Copy(RepoPaths.Fixture("http_fetch.wasm"), Path.Combine(_package, "http_fetch.wasm"));
        File.WriteAllText(Path.Combine(_package, "tool.toml"),
            "[tool]\nid = \"test.http-fetch\"\nname = \"http-fetch\"\nversion = \"1.0.0\"\nwasm = \"http_fetch.wasm\"\n\n" +
            "[mcp]\ndescription = \"fetches a URL\"\n\n[[mcp.arguments]]\nname = \"url\"\ntype = \"string\"\ndescription = \"the URL\"\nrequired = true\n\n" +
            "[security]\nnet_allow_list = [\"localhost\"]\n");
    }

    public void Dispose()
    {
        _certificates.Dispose();
        _dir.Dispose();
    }

    private Task<CliResult> RunAsync(string url, bool trustCa, Dictionary<string, string?>? more = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["KAMI_HOME"] = _dir.Combine("home"),
            ["KAMI_NET_ALLOW_PRIVATE"] = "127.0.0.0/8,::1",
            // An empty directory: the machine's CAs stay out of it, so only SSL_CERT_FILE decides.
            ["SSL_CERT_DIR"] = Directory.CreateDirectory(_dir.Combine("no-certs")).FullName,
            ["SSL_CERT_FILE"] = trustCa ? _caFile : _dir.Combine("missing.pem"),
        };
        foreach (var (key, value) in more ?? []) env[key] = value;
        return KamiCli.RunAsync(["run", _package, "--input", $"{{\"url\":\"{url}\"}}"], env);
    }

    [Fact]
    public async Task Run_HttpsWithCaInSslCertFile_SucceedsWithSniOfTheHostName()
    {
        using var server = new LoopbackHttpsServer(_certificates.Server, _ => new HttpsAnswer(200, "", "hello over tls"));

        var run = await RunAsync($"https://localhost:{server.Port}/tls", trustCa: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("status=200 kind=text len=14", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("body=hello over tls", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["localhost"], server.ServerNames);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/tls"), (request.Method, request.Path));
        Assert.StartsWith("localhost:", request.Headers["host"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HttpsWithoutTheCa_UnreachableNotTrustedAndNothingSent()
    {
        using var server = new LoopbackHttpsServer(_certificates.Server, _ => new HttpsAnswer(200, "", "should not be reached"));

        var run = await RunAsync($"https://localhost:{server.Port}/tls", trustCa: false);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unreachable: TLS with localhost failed: the server's certificate is not trusted", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Run_HttpsRedirectToHttp_DeniedAndHttpTargetNotContacted()
    {
        var plain = new TcpListener(IPAddress.Loopback, 0);
        plain.Start();
        try
        {
            var target = $"http://localhost:{((IPEndPoint)plain.LocalEndpoint).Port}/downgraded";
            using var server = new LoopbackHttpsServer(_certificates.Server, _ => new HttpsAnswer(302, $"Location: {target}\r\n", ""));

            var run = await RunAsync($"https://localhost:{server.Port}/start", trustCa: true);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("denied: redirect from https to http", run.Output, StringComparison.Ordinal);
            Assert.Single(server.Requests);
            // kami has exited: a connection it had made would be waiting in the listener's queue.
            Assert.False(plain.Pending(), "the https → http redirect was followed");
        }
        finally
        {
            plain.Stop();
        }
    }

    [Fact]
    public async Task Run_ProxyVariablesInKamiEnvironment_RequestGoesDirectAndProxyGetsNothing()
    {
        var proxy = new TcpListener(IPAddress.Loopback, 0);
        proxy.Start();
        try
        {
            var at = $"http://127.0.0.1:{((IPEndPoint)proxy.LocalEndpoint).Port}";
            using var server = new LoopbackHttpsServer(_certificates.Server, _ => new HttpsAnswer(200, "", "direct"));

            var run = await RunAsync($"https://localhost:{server.Port}/p", trustCa: true, new()
            {
                ["HTTP_PROXY"] = at, ["HTTPS_PROXY"] = at, ["ALL_PROXY"] = at, ["http_proxy"] = at, ["https_proxy"] = at, ["all_proxy"] = at,
            });

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("body=direct", run.Stdout, StringComparison.Ordinal);
            Assert.Single(server.Requests);
            Assert.False(proxy.Pending(), "a tool's request went through kami's proxy");
        }
        finally
        {
            proxy.Stop();
        }
    }
}
