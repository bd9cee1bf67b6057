using System.Net;
using System.Text;
using System.Text.Json;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>
/// Allow-list entries end to end (issue 14): the operator's [net_allow_list] narrows a tool's list and never widens
/// it, and IPv6-literal entries reach [::1]; loopback servers log every request, so each refusal shows nothing arrived.
/// </summary>
public sealed class HttpAllowListFormsTests(HttpRuntimeFixture loopback, NarrowedHttpRuntimeFixture narrowed)
    : IClassFixture<HttpRuntimeFixture>, IClassFixture<NarrowedHttpRuntimeFixture>
{
    private static Task Ok(HttpListenerContext context)
    {
        var bytes = Encoding.UTF8.GetBytes("reached");
        return context.Response.OutputStream.WriteAsync(bytes).AsTask();
    }

    private static ExecutionRequest Fetch(string toolId, string url, params string[] hosts) =>
        new(toolId, RepoPaths.Fixture("http_fetch.wasm"), SecurityPolicy.DenyAll with { NetAllowList = hosts, MaxExecutionMs = 30_000 },
            JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = url }, HttpTestJson.Default.DictionaryStringString));

    [Fact]
    public async Task Fetch_ManifestAllowsAddressButOperatorNarrowedItAway_DeniedAndNothingSent()
    {
        using var server = new LoopbackHttpServer(Ok);

        var result = await narrowed.Runtime.ExecuteAsync(
            Fetch(NarrowedHttpRuntimeFixture.ToLocalhost, $"http://127.0.0.1:{server.Port}/", "127.0.0.1", "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied: 127.0.0.1 is not on the tool's net_allow_list as narrowed by the operator's [net_allow_list]");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_NarrowedListKeepsHostBothAllow_Reached()
    {
        using var server = new LoopbackHttpServer(Ok);

        var output = Expect.Success(await narrowed.Runtime.ExecuteAsync(
            Fetch(NarrowedHttpRuntimeFixture.ToLocalhost, $"http://localhost:{server.Port}/", "127.0.0.1", "localhost")));

        Assert.EndsWith("body=reached", output);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/")] // the operator lists 127.0.0.1, the tool does not
    [InlineData("http://a.localhost:{0}/")] // the operator lists *.localhost, the tool only the apex
    public async Task Fetch_OperatorListsWhatToolDoesNot_DeniedAndNothingSent(string url)
    {
        using var server = new LoopbackHttpServer(Ok);

        var result = await narrowed.Runtime.ExecuteAsync(Fetch(NarrowedHttpRuntimeFixture.ToUnlisted, string.Format(url, server.Port), "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied:", "the operator's [net_allow_list] in config.toml leaves this tool no hosts");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_OperatorEmptyList_DeniedAndNothingSent()
    {
        using var server = new LoopbackHttpServer(Ok);

        var result = await narrowed.Runtime.ExecuteAsync(Fetch(NarrowedHttpRuntimeFixture.ToNothing, $"http://localhost:{server.Port}/", "localhost"));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied:", "leaves this tool no hosts");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_ToolWithoutOverride_KeepsDeclaredList()
    {
        using var server = new LoopbackHttpServer(Ok);

        Expect.Success(await narrowed.Runtime.ExecuteAsync(Fetch("test.not-narrowed", $"http://127.0.0.1:{server.Port}/", "127.0.0.1")));

        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("[::1]")]
    public async Task Fetch_Ipv6LiteralEntry_ReachesIpv6Loopback(string entry)
    {
        using var server = new Ipv6LoopbackServer();

        var output = Expect.Success(await loopback.Loopback.ExecuteAsync(Fetch("test.http-fetch", $"http://[::1]:{server.Port}/v6", entry)));

        Assert.EndsWith("body=reached", output);
        Assert.Equal("GET /v6 HTTP/1.1", Assert.Single(server.Requests));
    }

    [Theory]
    [InlineData("http://127.1:{0}/", "127.0.0.1")]
    [InlineData("http://2130706433:{0}/", "127.0.0.1")]
    [InlineData("http://0x7f.0.0.1:{0}/", "127.0.0.1")]
    [InlineData("http://0177.0.0.1:{0}/", "127.0.0.1")]
    [InlineData("http://[::ffff:127.0.0.1]:{0}/", "127.0.0.1")]
    [InlineData("http://[0:0:0:0:0:0:0:1]:{0}/", "::1")]
    public async Task Fetch_NonCanonicalFormOfListedAddress_DeniedAndNothingSent(string url, string entry)
    {
        using var server = new LoopbackHttpServer(Ok);
        using var v6 = new Ipv6LoopbackServer();
        var port = entry.Contains(':', StringComparison.Ordinal) ? v6.Port : server.Port;

        var result = await loopback.Loopback.ExecuteAsync(Fetch("test.http-fetch", string.Format(url, port), entry));

        Expect.Failure(result, ErrorKind.GuestFailed, "denied:");
        Assert.Empty(server.Requests);
        Assert.Empty(v6.Requests);
    }
}
