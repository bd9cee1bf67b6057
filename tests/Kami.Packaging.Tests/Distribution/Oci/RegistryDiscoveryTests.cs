using System.Text;
using Kami.Core.Errors;
using Kami.Packaging.Distribution;
using Kami.Packaging.Distribution.Oci;
using Kami.TestCommon;

namespace Kami.Packaging.Tests.Distribution.Oci;

/// <summary>/.well-known/wasm-pkg/registry.json: followed where it applies, and never a way around the HTTPS rule.</summary>
public sealed class RegistryDiscoveryTests
{
    private static async Task<(OciEndpoint Endpoint, string? Note)> ResolveAsync(int status, string body, string repository = "kami/echo")
    {
        using var server = new LoopbackHttpServer(async context =>
        {
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
        });
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var invoker = new HttpMessageInvoker(handler);
        var discovery = new RegistryDiscovery(new OciHttp(invoker, DownloadLimits.Default));
        return await discovery.ResolveAsync(OciReference.Parse($"oci://127.0.0.1:{server.Port}/{repository}:1"), TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    [Fact]
    public async Task Resolve_NamesARemoteRegistry_ItIsReachedOverHttpsWithThePrefix()
    {
        var (endpoint, note) = await ResolveAsync(200, """{"preferredProtocol":"oci","oci":{"registry":"ghcr.io","namespacePrefix":"bytecodealliance/"}}""");

        Assert.Equal(new Uri("https://ghcr.io/"), endpoint.BaseAddress);
        Assert.Equal("bytecodealliance/kami/echo", endpoint.Repository);
        Assert.Null(note);
    }

    [Fact]
    public async Task Resolve_OlderForm_IsReadToo()
    {
        var (endpoint, _) = await ResolveAsync(200, """{"ociRegistry":"registry.example:8443","ociNamespacePrefix":"p/"}""");

        Assert.Equal(new Uri("https://registry.example:8443/"), endpoint.BaseAddress);
        Assert.Equal("p/kami/echo", endpoint.Repository);
    }

    [Fact]
    public async Task Resolve_NotServed_TheHostIsTheRegistry()
    {
        var (endpoint, note) = await ResolveAsync(404, "not found");

        Assert.Equal("http", endpoint.BaseAddress.Scheme);
        Assert.Equal("kami/echo", endpoint.Repository);
        Assert.Null(note);
    }

    [Fact]
    public async Task Resolve_NotJson_TheHostIsTheRegistryAndANoteSaysSo()
    {
        var (endpoint, note) = await ResolveAsync(200, "<html>");

        Assert.Equal("kami/echo", endpoint.Repository);
        Assert.Contains("is not registry metadata", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://registry.example")]
    [InlineData("registry.example/path")]
    [InlineData("user@registry.example")]
    public async Task Resolve_RegistryWithSchemeOrPath_IsRefusedNotInterpreted(string registry)
    {
        var e = await Assert.ThrowsAsync<KamiException>(() => ResolveAsync(200, $$$"""{"oci":{"registry":"{{{registry}}}"}}"""));

        Assert.Contains("which is not a host[:port]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaseOf_LoopbackIsHttp_AnythingElseHttps()
    {
        Assert.Equal("http", OciEndpoint.BaseOf("localhost:5000").Scheme);
        Assert.Equal("http", OciEndpoint.BaseOf("[::1]:5000").Scheme);
        Assert.Equal("https", OciEndpoint.BaseOf("10.0.0.1:5000").Scheme);
    }
}
