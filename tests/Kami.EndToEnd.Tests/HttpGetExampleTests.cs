using System.Text;
using System.Text.Json;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;
using ModelContextProtocol.Protocol;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// examples/http-get (JavaScript, http.fetch from @kami/tool over kami:http/outgoing) as a user gets it: built from
/// source, its own test/cases.json, installed, called through kami serve against a loopback server. The copy's
/// allow-list names localhost and only this test's operator settings allow the loopback address.
/// </summary>
public sealed class HttpGetExampleTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);
    private const string Id = "dev.kami.http-get";
    private readonly TempDirectory _dir = new();
    private readonly LoopbackHttpServer _server = new(context =>
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(Page)).AsTask();
    });

    private int Port => _server.Port;

    private IEnumerable<string> Requests => _server.Requests.Select(r => r.Path);

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task HttpGetExample_AllowListedLoopbackCoveredByOperator_ReturnsStatusAndFirstKb()
    {
        var package = await BuildLocalhostCopyAsync();
        using var home = new KamiHome();
        await Ok(["install", package, "--yes", "--home", home.Path], null);

        // Loopback is private: only the operator's net_allow_private (here, for this serve only) lets the tool reach it.
        await using var served = new StdioServedKami(home, [], new Dictionary<string, string?> { ["KAMI_NET_ALLOW_PRIVATE"] = "127.0.0.0/8,::1" });
        var client = await served.ConnectAsync();
        var result = await client.CallToolAsync(Id, new Dictionary<string, object?> { ["url"] = $"http://localhost:{Port}/page" });
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.True(result.IsError != true, text);

        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal(200, answer.GetProperty("status").GetInt32());
        Assert.Equal("text/plain; charset=utf-8", answer.GetProperty("contentType").GetString());
        Assert.Equal(3000, answer.GetProperty("length").GetInt32());
        Assert.Equal(Page[..1024], answer.GetProperty("body").GetString());
        Assert.True(answer.GetProperty("truncated").GetBoolean());
        Assert.Equal(["/page"], Requests);
    }

    [Fact]
    public async Task HttpGetExample_LoopbackWithoutOperatorAllowance_DeniedAndNothingSent()
    {
        var package = await BuildLocalhostCopyAsync();

        var run = await KamiCli.RunAsync(["run", package, "--input", $"{{\"url\":\"http://localhost:{Port}/page\"}}"], timeout: BuildTimeout);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("denied", run.Output, StringComparison.Ordinal);
        Assert.Contains("net_allow_private", run.Output, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }

    [Fact]
    public async Task Build_JsToolNotCallingHttp_ImportsNoKamiHttp()
    {
        // The SDK re-exports http from @kami/tool: a tool that never calls it must not get the network import
        // (and so is built against world kami-tool, not kami-tool-http).
        var package = _dir.Combine("plain");
        Directory.CreateDirectory(package);
        await File.WriteAllTextAsync(Path.Combine(package, "tool.js"),
            "import { defineTool, log } from '@kami/tool';\n" +
            "export const tool = defineTool({ name: 'dev.test.plain', description: 'd', arguments: [], run: () => { log.info('x'); return 1; } });\n");
        await File.WriteAllTextAsync(Path.Combine(package, "tool.toml"),
            "[tool]\nid = \"dev.test.plain\"\nname = \"plain\"\nversion = \"1.0.0\"\nwasm = \"plain.wasm\"\n\n[mcp]\ndescription = \"d\"\n");

        var build = await Ok(["build", package], null);

        Assert.Contains("imports: kami:tool/host@0.1.0)", build.Stdout, StringComparison.Ordinal);
    }

    // 3000 characters, each line numbered, so a wrong slice shows.
    private static string Page { get; } = string.Concat(Enumerable.Range(0, 300).Select(i => $"line {i,4}\n"));

    private async Task<string> BuildLocalhostCopyAsync()
    {
        // A copy: building writes the .wasm next to tool.toml, and the checkout must stay clean. The copy's allow-list
        // names the loopback server instead of the example's public hosts.
        var package = _dir.Combine("http-get");
        Directory.CreateDirectory(Path.Combine(package, "test"));
        foreach (var file in new[] { "tool.js", Path.Combine("test", "cases.json") })
            File.Copy(Path.Combine(RepoPaths.Example("http-get"), file), Path.Combine(package, file));
        var toml = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Example("http-get"), "tool.toml"));
        var listed = toml.Split('\n').Single(l => l.StartsWith("net_allow_list", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(package, "tool.toml"), toml.Replace(listed, "net_allow_list = [\"localhost\"]", StringComparison.Ordinal));

        var build = await Ok(["build", package], null);
        Assert.Contains("imports: kami:tool/host@0.1.0, kami:http/outgoing@0.1.0)", build.Stdout, StringComparison.Ordinal);
        var test = await Ok(["test", package], null);
        Assert.Contains(" passed, 0 failed", test.Stdout, StringComparison.Ordinal);
        return package;
    }

    private static async Task<CliResult> Ok(string[] args, IReadOnlyDictionary<string, string?>? env)
    {
        var result = await KamiCli.RunAsync(args, env, BuildTimeout);
        Assert.True(result.ExitCode == 0, $"kami {string.Join(' ', args)} failed: {result}");
        return result;
    }
}
