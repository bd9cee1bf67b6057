using System.Text.Json;
using Kami.Core.Identity;
using Kami.Registry.Sqlite;

namespace Kami.Cli.Tests;

/// <summary><c>kami client</c>: the token is printed once, alone on stdout, stored only as its hash; list never shows it.</summary>
public sealed class ClientCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private SqliteToolRegistry Registry => new(Path.Combine(_cli.Home, "registry.db"));

    [Fact]
    public async Task Add_PrintsOnlyTheTokenOnStdout_StoresItsHash()
    {
        var result = (await _cli.RunAsync("client", "add", "ci-bot", "--tools", "dev.kami.*,dev.acme.search", "--calls-per-minute", "60")).Ok();

        var token = result.Out.TrimEnd('\n');
        Assert.Matches("^kami_[0-9a-f]{64}$", token);
        Assert.Contains("shown only now", result.Err, StringComparison.Ordinal);
        var stored = Assert.Single(Registry.ListClients());
        Assert.Equal(ClientToken.Hash(token), stored.TokenHash);
        Assert.Equal("dev.kami.*,dev.acme.search", stored.Tools.ToString());
        Assert.Equal(new ClientQuota(60, null), stored.Quota);

        var list = (await _cli.RunAsync("client", "list", "--json")).Ok();
        Assert.DoesNotContain(token, list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.TokenHash, list.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.Out);
        Assert.Equal("ci-bot", json.RootElement[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task AddJson_HasTheToken_RotateReplacesIt_RemoveDeletes()
    {
        using var added = JsonDocument.Parse((await _cli.RunAsync("client", "add", "bot", "--tools", "*", "--json")).Ok().Out);
        var first = added.RootElement.GetProperty("token").GetString()!;
        Assert.NotNull(Registry.FindClientByTokenHash(ClientToken.Hash(first)));

        var second = (await _cli.RunAsync("client", "rotate", "bot")).Ok().Out.Trim();
        Assert.NotEqual(first, second);
        Assert.Null(Registry.FindClientByTokenHash(ClientToken.Hash(first)));
        Assert.NotNull(Registry.FindClientByTokenHash(ClientToken.Hash(second)));

        (await _cli.RunAsync("client", "remove", "bot")).Ok();
        Assert.Empty(Registry.ListClients());
    }

    [Theory]
    [InlineData("add", "bot", "--tools", "dev.*.x")]
    [InlineData("add", "operator", "--tools", "*")]
    [InlineData("add", "bot", "--tools", "*", "--calls-per-minute", "0")]
    [InlineData("remove", "nobody")]
    [InlineData("rotate", "nobody")]
    public async Task BadInput_UserErrorSayingWhat(params string[] args)
    {
        var result = await _cli.RunAsync(["client", .. args]);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Add_SameNameTwice_Refused()
    {
        (await _cli.RunAsync("client", "add", "bot", "--tools", "*")).Ok();
        var again = await _cli.RunAsync("client", "add", "BOT", "--tools", "*");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("kami client rotate", again.Err, StringComparison.Ordinal);
    }
}
