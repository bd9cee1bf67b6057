using System.Net;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>/healthz and /readyz: answered without a token, revealing nothing, and ready only when the registry answers and the catalog is loaded.</summary>
public sealed class ProbeTests
{
    private const string EchoId = "test.kami.probe";

    [Fact]
    public async Task Healthz_NoToken_OkAndRevealsNothing()
    {
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(EchoId, Tools.Text()));
        await using var kami = await InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo());
        using var http = kami.CreateHttpClient();

        using var response = await http.GetAsync(new Uri(kami.Url, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.Headers.Server);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("X-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Probes_OpenWhileMcpStillNeedsTheToken()
    {
        await using var kami = await InMemoryHttpKami.StartAsync(new FakeRegistry(), FakeExecutor.Echo());
        using var http = kami.CreateHttpClient();

        using var ready = await http.GetAsync(new Uri(kami.Url, "/readyz"));
        using var mcp = await http.GetAsync(kami.Url);
        // Only the exact probe paths are open: a path below or beside them is not a way around the token.
        using var lookAlike = await http.GetAsync(new Uri(kami.Url, "/healthz/mcp"));
        using var suffixed = await http.GetAsync(new Uri(kami.Url, "/healthzx"));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, lookAlike.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, suffixed.StatusCode);
    }

    [Fact]
    public async Task Readyz_RegistryUnreachable_503WithoutItsErrorThen200()
    {
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(EchoId, Tools.Text()));
        await using var kami = await InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo());
        using var http = kami.CreateHttpClient();
        var readyz = new Uri(kami.Url, "/readyz");

        registry.Unreachable = true;
        using (var response = await http.GetAsync(readyz))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("registry unreachable", body, StringComparison.Ordinal);
            // The store's own error (a host name here) is for the server log, not for whoever probes.
            Assert.DoesNotContain("db.internal.example", body, StringComparison.Ordinal);
        }
        Assert.Contains(kami.Log.WithEvent(1301), m => m.Contains("db.internal.example", StringComparison.Ordinal));

        registry.Unreachable = false;
        using (var response = await http.GetAsync(readyz))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ready", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Readyz_CatalogNeverLoaded_503UntilTheRegistryIsRead()
    {
        var registry = new FakeRegistry { FailLists = true };
        registry.Add(Tools.Tool(EchoId, Tools.Text()));
        await using var kami = await InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo());
        using var http = kami.CreateHttpClient();
        var readyz = new Uri(kami.Url, "/readyz");

        using (var response = await http.GetAsync(readyz))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("tool catalog not loaded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The watcher retries; once the list is read the replica becomes ready.
        registry.FailLists = false;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(100);
            using var response = await http.GetAsync(readyz);
            status = response.StatusCode;
        } while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
