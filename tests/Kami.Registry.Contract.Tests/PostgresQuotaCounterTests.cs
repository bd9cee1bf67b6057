using Kami.Core.Identity;
using Kami.Registry.Postgres;
using Kami.TestCommon;

namespace Kami.Registry.Contract.Tests;

/// <summary>Quotas held by the fleet: two replicas' counters on one database count as one, and a lost database fails no call.</summary>
public sealed class PostgresQuotaCounterTests : IDisposable
{
    private readonly PostgresAdapter _adapter = new();

    [Fact]
    public async Task AddAsync_TwoReplicasAtOnce_OneExactTotal()
    {
        var (a, b) = (Counter(), Counter());
        var window = QuotaWindow.MinuteOf(DateTimeOffset.UtcNow);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => (i % 2 == 0 ? a : b).AddAsync("calls:ci-bot", window, 1, CancellationToken.None).AsTask()));

        Assert.Equal(64, await a.AddAsync("calls:ci-bot", window, 0, CancellationToken.None));
        Assert.False(a.FellBack || b.FellBack);
    }

    [Fact]
    public async Task AdmitAsync_QuotaOfThreeThroughTwoReplicas_FourthCallRefused()
    {
        var client = Caller.Of(new Client("ci-bot", ToolAccess.All, new ClientQuota(3, null), "", DateTimeOffset.UtcNow));
        var replicas = new[] { new QuotaGate(Counter(), TimeProvider.System), new QuotaGate(Counter(), TimeProvider.System) };

        var refusals = new List<QuotaRefusal?>();
        for (var call = 0; call < 4; call++) refusals.Add(await replicas[call % 2].AdmitAsync(client, "dev.kami.echo", CancellationToken.None));

        // A minute boundary between calls would reset the window: then the fourth is admitted and this run says nothing.
        if (QuotaWindow.MinuteOf(DateTimeOffset.UtcNow).Start.AddSeconds(2) > DateTimeOffset.UtcNow) return;
        Assert.All(refusals.Take(3), Assert.Null);
        Assert.Equal("calls per minute", refusals[3]?.Quota);
    }

    [Fact]
    public async Task AddAsync_DatabaseUnreachable_CountsOnThisReplicaInstead()
    {
        var registry = (PostgresToolRegistry)_adapter.Open();
        var counter = new PostgresQuotaCounter(registry, TimeProvider.System);
        var window = QuotaWindow.MinuteOf(DateTimeOffset.UtcNow);
        await counter.AddAsync("calls:x", window, 1, CancellationToken.None);

        // The database goes away under the replica (as in an outage): every add now fails to reach it.
        var name = _adapter.Uri[(_adapter.Uri.LastIndexOf('/') + 1)..];
        PostgresServer.Execute(PostgresServer.Instance.Uri, $"DROP DATABASE \"{name}\" WITH (FORCE)");

        Assert.Equal(1, await counter.AddAsync("calls:x", window, 1, CancellationToken.None));
        Assert.True(counter.FellBack);
    }

    private PostgresQuotaCounter Counter() => new((PostgresToolRegistry)_adapter.Open(), TimeProvider.System);

    public void Dispose() => _adapter.Dispose();
}
