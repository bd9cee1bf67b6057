using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kami.EndToEnd.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static Kami.EndToEnd.Tests.Infrastructure.KamiHome;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// Named clients as an operator uses them, process to process: <c>kami client add</c> prints the token alone on
/// stdout's last line, a served client sees and calls only its tools, <c>kami client remove</c> stops its token while
/// the server runs, and <c>kami logs --json</c> names the caller of each call.
/// </summary>
public sealed class ClientServeTests
{
    [Fact]
    public async Task Client_AddServeCallRemove_OnlyItsToolsThenRefused_LogsNameIt()
    {
        using var home = new KamiHome();
        await home.InstallEchoAsync();
        await home.InstallFixtureAsync("log", LogId);
        var added = await KamiCli.RunOkAsync("client", "add", "ci-bot", "--tools", "dev.kami.*", "--home", home.Path);
        var token = added.Stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.Matches("^kami_[0-9a-f]{64}$", token);
        Assert.DoesNotContain(token, (await KamiCli.RunOkAsync("client", "list", "--json", "--home", home.Path)).Output, StringComparison.Ordinal);

        await using var served = await HttpServedKami.StartAsync(home, clientToken: token, defaultAuth: true);
        var client = await served.ConnectAsync();
        Assert.Equal([EchoId], (await client.ListToolsAsync()).Select(t => t.Name));
        Assert.NotEqual(true, (await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "mine" })).IsError);
        var other = await client.CallToolAsync(LogId, new Dictionary<string, object?>());
        Assert.True(other.IsError);
        Assert.StartsWith($"unknown tool '{LogId}'", Assert.IsType<ModelContextProtocol.Protocol.TextContentBlock>(Assert.Single(other.Content)).Text, StringComparison.Ordinal);

        var record = await AuditLog.WaitForAsync(home, r => r.Tool == EchoId);
        Assert.Equal("ci-bot", record.Caller);

        await KamiCli.RunOkAsync("client", "remove", "ci-bot", "--home", home.Path);
        using var http = new HttpClient();
        using var refused = await http.SendAsync(Initialize(served.Url, token));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static HttpRequestMessage Initialize(Uri url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
