using Kami.Core.Registry;
using Kami.Registry.Postgres;

namespace Kami.Registry.Contract.Tests;

/// <summary>
/// One shared audit table, one chain per replica: replicas append without waiting for each other and each chain
/// verifies on its own; two processes that claim the same replica id take turns instead of forking the chain.
/// </summary>
public sealed class PostgresAuditChainReplicaTests : ContractTest<PostgresAdapter>
{
    private static CallRecord Call(int n) =>
        new("dev.kami.echo", new DateTimeOffset(2025, 1, 1, 0, 0, n % 60, TimeSpan.Zero), n, "ok", (ulong)n, null, null, "http-stateless") { Caller = "operator" };

    private PostgresAuditLog Log(string replica, int retainedCalls = AuditRetention.DefaultRetainedCalls) =>
        new((PostgresToolRegistry)Adapter.Open(), replica, retainedCalls);

    [Fact]
    public void VerifyChains_TwoReplicasInterleaved_BothChainsVerify()
    {
        var (a, b) = (Log("replica-a"), Log("replica-b"));
        for (var i = 0; i < 6; i++)
        {
            a.Record(Call(i));
            b.RecordAll([Call(100 + i), Call(200 + i)]);
        }

        var verdicts = a.VerifyChains();
        Assert.Equal(["replica-a", "replica-b"], verdicts.Select(v => v.Chain));
        Assert.All(verdicts, v => Assert.True(v.Ok, v.Break?.Detail));
        Assert.Equal([6L, 12L], verdicts.Select(v => v.Checked));
    }

    [Fact]
    public void VerifyChains_RetentionPrunesOtherReplicasRecords_BothChainsVerify()
    {
        var (a, b) = (Log("replica-a", retainedCalls: 4), Log("replica-b", retainedCalls: 4));
        for (var i = 0; i < 5; i++) b.Record(Call(100 + i));
        // Replica a's appends prune replica b's oldest records: b's pruned point moves, and b's chain still verifies.
        for (var i = 0; i < 6; i++) a.Record(Call(i));

        var verdicts = b.VerifyChains();
        Assert.All(verdicts, v => Assert.True(v.Ok, v.Break?.Detail));
        Assert.Equal(a.Recent(100).Count, verdicts.Sum(v => v.Checked));
    }

    [Fact]
    public void VerifyChains_OneReplicaEdited_OnlyThatChainBroken()
    {
        var (a, b) = (Log("replica-a"), Log("replica-b"));
        for (var i = 0; i < 3; i++)
        {
            a.Record(Call(i));
            b.Record(Call(100 + i));
        }
        Adapter.Tamper("UPDATE calls SET fuel_used = 1 WHERE replica_id = 'replica-b' AND chain_seq = 2");

        var verdicts = a.VerifyChains().ToDictionary(v => v.Chain);
        Assert.True(verdicts["replica-a"].Ok);
        Assert.Equal((AuditBreakKind.Edited, 2L), (verdicts["replica-b"].Break!.Kind, verdicts["replica-b"].Break!.Sequence));
    }

    [Fact]
    public async Task RecordAll_TwoProcessesClaimOneReplicaId_TakeTurnsAndTheChainVerifies()
    {
        var (first, second) = (Log("replica-a"), Log("replica-a"));
        await Task.WhenAll(
            Task.Run(() => { for (var i = 0; i < 20; i++) first.RecordAll([Call(i), Call(i)]); }),
            Task.Run(() => { for (var i = 0; i < 20; i++) second.RecordAll([Call(100 + i)]); }));

        var verdict = Assert.Single(first.VerifyChains());
        Assert.True(verdict.Ok, verdict.Break?.Detail);
        Assert.Equal(60, verdict.Checked);
    }
}
