using System.Text;
using System.Text.Json;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;
using ModelContextProtocol.Protocol;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// The audit log of outbound HTTP end to end: the http_fetch fixture served by <c>kami serve</c> (stdio) against a
/// loopback server, read back through <c>kami logs</c> as an operator would. The operator's settings (this test only)
/// allow loopback and inject a credential, which must reach the server and appear nowhere in the audit or the logs.
/// </summary>
public sealed class HttpAuditServeTests : IDisposable
{
    private const string Id = "test.http-fetch";
    private const string Secret = "Bearer audit-canary-7f3e9b";
    private readonly LoopbackHttpServer _server;

    public HttpAuditServeTests()
    {
        // localhost answers 302 to 127.0.0.1, which answers 200 with "landed".
        _server = new LoopbackHttpServer(async context =>
        {
            if (context.Request.RawUrl?.StartsWith("/go", StringComparison.Ordinal) == true)
            {
                context.Response.StatusCode = 302;
                context.Response.RedirectLocation = $"http://127.0.0.1:{context.Request.LocalEndPoint.Port}/landed";
            }
            else await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("landed"));
        });
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Serve_FetchWithRedirectAndDenial_AuditListsHopsStatusesBytesAndNoCredential()
    {
        using var home = new KamiHome();
        var package = home.CreateFixturePackage("http_fetch", Id, "additional_arguments = true\n\n[security]\nnet_allow_list = [\"localhost\", \"127.0.0.1\"]\n");
        await KamiCli.RunOkAsync("install", package, "--yes", "--home", home.Path);
        await File.WriteAllTextAsync(Path.Combine(home.Path, "config.toml"), $"""
            [net_credentials."{Id}"."localhost:{_server.Port}"]
            header = "Authorization"
            value = "{Secret}"
            """);
        var env = new Dictionary<string, string?> { ["KAMI_NET_ALLOW_PRIVATE"] = "127.0.0.0/8,::1", ["KAMI_LOG_LEVEL"] = "debug" };

        string stderr;
        await using (var served = new StdioServedKami(home, [], env))
        {
            var client = await served.ConnectAsync();
            // localhost answers 302 to 127.0.0.1, which answers 200 with "landed": one fetch, two hosts.
            var followed = await client.CallToolAsync(Id, new Dictionary<string, object?> { ["url"] = $"http://localhost:{_server.Port}/go?token=q1", ["method"] = "POST", ["body"] = "12345" });
            Assert.True(followed.IsError != true, Text(followed));
            // Not on the allow-list: refused before anything is sent.
            var denied = await client.CallToolAsync(Id, new Dictionary<string, object?> { ["url"] = $"http://127.0.0.2:{_server.Port}/never" });
            Assert.True(denied.IsError, Text(denied));
            await AuditLog.WaitForAsync(home, r => r.Outcome != "ok");
            stderr = served.Stderr;
        }

        var requests = _server.Requests.Select(r => (r.Path, r.Headers.GetValueOrDefault("authorization")));
        Assert.Equal([("/go?token=q1", Secret), ("/landed", null)], requests);
        var logs = await KamiCli.RunOkAsync("logs", "--json", "--home", home.Path);
        var calls = JsonDocument.Parse(logs.Stdout).RootElement;
        var deniedHttp = calls[0].GetProperty("http");
        var hop = Assert.Single(Assert.Single(deniedHttp.GetProperty("entries").EnumerateArray()).GetProperty("hops").EnumerateArray());
        Assert.Equal(("127.0.0.2", false, "denied", JsonValueKind.Null), (hop.GetProperty("host").GetString(), hop.GetProperty("contacted").GetBoolean(),
            hop.GetProperty("error").GetString(), hop.GetProperty("status").ValueKind));

        var http = calls[1].GetProperty("http");
        Assert.Equal((1, 5L, 6L), (http.GetProperty("requests").GetInt32(), http.GetProperty("bytes_sent").GetInt64(), http.GetProperty("bytes_received").GetInt64()));
        var hops = Assert.Single(http.GetProperty("entries").EnumerateArray()).GetProperty("hops").EnumerateArray()
            .Select(h => (h.GetProperty("method").GetString(), h.GetProperty("host").GetString(), h.GetProperty("contacted").GetBoolean(),
                h.GetProperty("status").GetInt32(), h.GetProperty("bytes_sent").GetInt64(), h.GetProperty("bytes_received").GetInt64()))
            .ToList();
        Assert.Equal([("POST", "localhost", true, 302, 5L, 0L), ("GET", "127.0.0.1", true, 200, 0L, 6L)], hops);

        var table = await KamiCli.RunOkAsync("logs", "--home", home.Path);
        Assert.Contains("127.0.0.2 denied", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("POST localhost 302 → 127.0.0.1 200 6 B↓ 5 B↑", table.Stdout, StringComparison.Ordinal);

        // The credential reached the server above; it is nowhere in what kami keeps or prints, nor is the query.
        var database = Encoding.UTF8.GetString(await ReadAllBytesSharedAsync(Path.Combine(home.Path, "registry.db")));
        foreach (var text in new[] { database, logs.Stdout, table.Stdout, stderr })
        {
            Assert.DoesNotContain("audit-canary", text, StringComparison.Ordinal);
            Assert.DoesNotContain("token=q1", text, StringComparison.Ordinal);
        }
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static async Task<byte[]> ReadAllBytesSharedAsync(string file)
    {
        // The WAL may hold what is not yet checkpointed: read both.
        var bytes = new List<byte>();
        foreach (var part in new[] { file, file + "-wal" })
        {
            if (!File.Exists(part)) continue;
            await using var stream = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            bytes.AddRange(copy.ToArray());
        }
        return [.. bytes];
    }
}
