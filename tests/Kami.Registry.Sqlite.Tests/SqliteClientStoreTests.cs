using System.Text;
using Kami.Core.Identity;
using Kami.Core.Registry;
using Kami.TestCommon;

namespace Kami.Registry.Sqlite.Tests;

public sealed class SqliteClientStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SqliteToolRegistry _registry;

    public SqliteClientStoreTests() => _registry = new SqliteToolRegistry(_temp.Combine("registry.db"));

    public void Dispose() => _temp.Dispose();

    private static Client NewClient(string name, string token, string tools = "dev.kami.*", ClientQuota? quota = null) =>
        new(name, ToolAccess.Parse(tools), quota ?? ClientQuota.Unlimited, ClientToken.Hash(token), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void Clients_RoundTripFoundByNameAndTokenHash()
    {
        var token = ClientToken.New();
        var client = NewClient("ci-bot", token, "dev.kami.*,dev.acme.search", new ClientQuota(60, 1_000_000));

        Assert.True(_registry.AddClient(client));
        Assert.False(_registry.AddClient(NewClient("CI-BOT", ClientToken.New())));

        Assert.Equal(client, _registry.FindClient("Ci-Bot"));
        Assert.Equal(client, _registry.FindClientByTokenHash(ClientToken.Hash(token)));
        Assert.Null(_registry.FindClientByTokenHash(ClientToken.Hash(token + "x")));
        Assert.Equal([client], _registry.ListClients());
    }

    [Fact]
    public void Clients_RemoveAndRotate_OldTokenNoLongerFound()
    {
        var first = ClientToken.New();
        _registry.AddClient(NewClient("a", first));
        var second = ClientToken.New();

        Assert.True(_registry.ReplaceClientToken("A", ClientToken.Hash(second)));
        Assert.Null(_registry.FindClientByTokenHash(ClientToken.Hash(first)));
        Assert.Equal("a", _registry.FindClientByTokenHash(ClientToken.Hash(second))?.Name);

        Assert.Equal("a", _registry.RemoveClient("a")?.Name);
        Assert.Null(_registry.FindClientByTokenHash(ClientToken.Hash(second)));
        Assert.Null(_registry.RemoveClient("a"));
        Assert.False(_registry.ReplaceClientToken("a", ClientToken.Hash(first)));
    }

    [Fact]
    public void Clients_DatabaseFiles_HoldNoToken()
    {
        var tokens = Enumerable.Range(0, 5).Select(_ => ClientToken.New()).ToList();
        for (var i = 0; i < tokens.Count; i++) _registry.AddClient(NewClient($"client-{i}", tokens[i]));
        _registry.ReplaceClientToken("client-0", ClientToken.Hash(ClientToken.New()));

        // Every byte SQLite wrote (database, WAL, shared memory), read raw: no token, and no half of one.
        var bytes = Directory.GetFiles(_temp.Path).SelectMany(File.ReadAllBytes).ToArray();
        var text = Encoding.ASCII.GetString(bytes);
        Assert.Contains("client-3", text, StringComparison.Ordinal);
        foreach (var token in tokens)
        {
            var secret = token[ClientToken.Prefix.Length..];
            Assert.DoesNotContain(secret[..32], text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret[32..], text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Audit_CallerStoredAndReadBack_OlderRecordsHaveNone()
    {
        var log = new SqliteAuditLog(_registry);
        var call = new CallRecord("dev.kami.echo", DateTimeOffset.UnixEpoch, 1, "ok", 5, null, null, "http");
        log.RecordAll([call with { Caller = "ci-bot" }, call]);

        Assert.Equal([null, "ci-bot"], log.Recent(2).Select(c => c.Caller));
    }
}
