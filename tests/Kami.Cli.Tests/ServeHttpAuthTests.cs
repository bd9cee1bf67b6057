using System.Text.Json;

namespace Kami.Cli.Tests;

/// <summary>
/// <c>kami serve --http</c> and <c>kami mcp-config --http</c> in-process: the refusals that come before anything listens
/// (--no-auth off loopback, a short token from any source) and the token the client snippet carries.
/// </summary>
public sealed class ServeHttpAuthTests : IDisposable
{
    private const string ShortToken = "0123456789abcdef0123456789abcde"; // 31 characters: one short of 128 bits in hex
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("0.0.0.0:0")]
    [InlineData("[::]:0")]
    public async Task Serve_HttpNoAuthBeyondLoopback_IsRefused(string bind)
    {
        var result = (await _cli.RunAsync("serve", "--http", bind, "--no-auth")).UserError();

        Assert.Contains("--no-auth is allowed only on a loopback address", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("serving MCP at", result.Out + result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flag", "token file ")]
    [InlineData("home", "token file ")]
    [InlineData("config", "config.toml is 31 characters")]
    public async Task Serve_HttpShortToken_RefusedNamingItsSource(string source, string named)
    {
        Directory.CreateDirectory(_cli.Home);
        List<string> args = ["serve", "--http", "0.0.0.0:0"];
        switch (source)
        {
            case "flag":
                var file = Path.Combine(_cli.Scratch, "short");
                File.WriteAllText(file, ShortToken);
                args.AddRange(["--token-file", file]);
                break;
            case "home": File.WriteAllText(Path.Combine(_cli.Home, "token"), ShortToken); break;
            case "config": File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), $"token = \"{ShortToken}\"\n"); break;
        }

        var result = (await _cli.RunAsync([.. args])).UserError();

        Assert.Contains("the bearer token from ", result.Err, StringComparison.Ordinal);
        Assert.Contains(named, result.Err, StringComparison.Ordinal);
        Assert.Contains("at least 32", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("serving MCP at", result.Out + result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task McpConfig_HttpAuthByDefault_SnippetCarriesTheServersToken()
    {
        var result = (await _cli.RunAsync("mcp-config", "cursor", "--http", "127.0.0.1:9000")).Ok();

        var token = File.ReadAllText(Path.Combine(_cli.Home, "token")).Trim();
        using var json = JsonDocument.Parse(result.Out);
        var server = json.RootElement.GetProperty("mcpServers").GetProperty("kami");
        Assert.Equal("http://127.0.0.1:9000/mcp", server.GetProperty("url").GetString());
        Assert.Equal("Bearer " + token, server.GetProperty("headers").GetProperty("Authorization").GetString());

        // The same token the server then uses.
        var again = (await _cli.RunAsync("mcp-config", "vscode", "--http")).Ok();
        using var vscode = JsonDocument.Parse(again.Out);
        var entry = vscode.RootElement.GetProperty("servers").GetProperty("kami");
        Assert.Equal("http://127.0.0.1:8931/mcp", entry.GetProperty("url").GetString());
        Assert.Equal("Bearer " + token, entry.GetProperty("headers").GetProperty("Authorization").GetString());
    }
}
