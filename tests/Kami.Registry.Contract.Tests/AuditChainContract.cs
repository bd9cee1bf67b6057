using Kami.Core.Registry;

namespace Kami.Registry.Contract.Tests;

/// <summary>
/// The audit log's hash chain in every adapter: an untouched log verifies, and a record edited, deleted or moved in
/// the database itself (not through KAMI) is found, also after retention pruned the oldest records.
/// </summary>
public abstract class AuditChainContract<TAdapter> : ContractTest<TAdapter> where TAdapter : RegistryAdapter, new()
{
    private static CallRecord Call(int n) =>
        new("dev.kami.echo", new DateTimeOffset(2025, 1, 1, 0, 0, n % 60, TimeSpan.Zero), n + 0.25, n % 2 == 0 ? "ok" : "error", (ulong)n * 1000,
            n % 2 == 0 ? null : "boom", null, "http") { Caller = "client-" + n };

    private IAuditLog Log(int retainedCalls = AuditRetention.DefaultRetainedCalls) => Adapter.AuditLog(Registry, retainedCalls);

    private AuditChainVerdict Verify(IAuditLog log) => Assert.Single(((IAuditChainSource)log).VerifyChains());

    // Five records: two written alone, three in one batch.
    private IAuditLog FiveRecords()
    {
        var log = Log();
        log.Record(Call(1));
        log.Record(Call(2));
        log.RecordAll([Call(3), Call(4), Call(5)]);
        return log;
    }

    private AuditChainBreak Broken(IAuditLog log)
    {
        var verdict = Verify(log);
        Assert.False(verdict.Ok, "the chain verified although the log was changed");
        return verdict.Break!;
    }

    [Fact]
    public void VerifyChains_Untouched_AllRecordsOk()
    {
        var verdict = Verify(FiveRecords());
        Assert.True(verdict.Ok, verdict.Break?.Detail);
        Assert.Equal(5, verdict.Checked);
        Assert.Equal(0, verdict.Unchained);
    }

    [Fact]
    public void VerifyChains_Empty_NoChains()
    {
        Assert.Empty(((IAuditChainSource)Log()).VerifyChains());
    }

    [Fact]
    public void VerifyChains_OutcomeUpdated_ReportsThatRecordEdited()
    {
        var log = FiveRecords();
        Assert.Equal(1, Adapter.Tamper("UPDATE calls SET outcome = 'ok' WHERE chain_seq = 3"));
        var broken = Broken(log);
        Assert.Equal((AuditBreakKind.Edited, 3L), (broken.Kind, broken.Sequence));
    }

    [Fact]
    public void VerifyChains_CallerUpdated_ReportsThatRecordEdited()
    {
        var log = FiveRecords();
        Assert.Equal(1, Adapter.Tamper("UPDATE calls SET caller = 'someone-else' WHERE chain_seq = 2"));
        var broken = Broken(log);
        Assert.Equal((AuditBreakKind.Edited, 2L), (broken.Kind, broken.Sequence));
    }

    [Fact]
    public void VerifyChains_HashReplacedToo_ReportsEdited()
    {
        var log = FiveRecords();
        Assert.Equal(1, Adapter.Tamper("UPDATE calls SET outcome = 'ok', hash = '" + new string('a', 64) + "' WHERE chain_seq = 3"));
        var broken = Broken(log);
        Assert.Equal(AuditBreakKind.Edited, broken.Kind);
        Assert.Equal(3L, broken.Sequence);
    }

    [Fact]
    public void VerifyChains_MiddleRecordDeleted_ReportsItMissing()
    {
        var log = FiveRecords();
        Assert.Equal(1, Adapter.Tamper("DELETE FROM calls WHERE chain_seq = 3"));
        var broken = Broken(log);
        Assert.Equal(AuditBreakKind.Missing, broken.Kind);
        Assert.Contains("record 3 is missing", broken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyChains_NewestRecordDeleted_ReportsTailMissing()
    {
        var log = FiveRecords();
        Assert.Equal(1, Adapter.Tamper("DELETE FROM calls WHERE chain_seq = 5"));
        var broken = Broken(log);
        Assert.Equal((AuditBreakKind.Missing, 5L), (broken.Kind, broken.Sequence));
    }

    [Fact]
    public void VerifyChains_OldestRecordDeleted_ReportsMissing()
    {
        var log = FiveRecords();
        Assert.Equal(1, Adapter.Tamper("DELETE FROM calls WHERE chain_seq = 1"));
        Assert.Equal(AuditBreakKind.Missing, Broken(log).Kind);
    }

    [Fact]
    public void VerifyChains_SequenceNumbersExchanged_ReportsOutOfOrder()
    {
        var log = FiveRecords();
        Assert.Equal(2, Adapter.Tamper("UPDATE calls SET chain_seq = CASE chain_seq WHEN 2 THEN 3 ELSE 2 END WHERE chain_seq IN (2, 3)"));
        var broken = Broken(log);
        Assert.Equal((AuditBreakKind.OutOfOrder, 3L), (broken.Kind, broken.Sequence));
    }

    [Fact]
    public void VerifyChains_ContentsExchanged_ReportsEdited()
    {
        var log = FiveRecords();
        // Two records' fields swapped, chain fields left in place: the order of calls was rewritten.
        Adapter.Tamper("UPDATE calls SET caller = CASE caller WHEN 'client-2' THEN 'client-3' ELSE 'client-2' END WHERE chain_seq IN (2, 3)");
        var broken = Broken(log);
        Assert.Equal((AuditBreakKind.Edited, 2L), (broken.Kind, broken.Sequence));
    }

    [Fact]
    public void VerifyChains_AfterRetentionPruned_StillVerifies()
    {
        var log = Log(retainedCalls: 3);
        for (var i = 1; i <= 4; i++) log.Record(Call(i));
        log.RecordAll([.. Enumerable.Range(5, 6).Select(Call)]);
        log.Record(Call(11));

        var verdict = Verify(log);
        Assert.True(verdict.Ok, verdict.Break?.Detail);
        Assert.Equal(log.Recent(100).Count, verdict.Checked);
        Assert.InRange(verdict.Checked, 3, 4);
    }

    [Fact]
    public void VerifyChains_OldestRemainingDeletedAfterPruning_ReportsMissing()
    {
        var log = Log(retainedCalls: 3);
        for (var i = 1; i <= 8; i++) log.Record(Call(i));
        var oldest = log.Recent(100).Count switch { var kept => 8 - kept + 1 };
        Assert.Equal(1, Adapter.Tamper($"DELETE FROM calls WHERE chain_seq = {oldest}"));
        Assert.Equal(AuditBreakKind.Missing, Broken(log).Kind);
    }

    [Fact]
    public void VerifyChains_PrunedPointMovedForward_ReportsBreak()
    {
        // Deleting old records and moving the pruned point to cover them needs that point's hash: a guessed one fails.
        var log = Log(retainedCalls: 3);
        for (var i = 1; i <= 8; i++) log.Record(Call(i));
        var oldest = 8 - log.Recent(100).Count + 1;
        Adapter.Tamper($"DELETE FROM calls WHERE chain_seq = {oldest}");
        Adapter.Tamper($"UPDATE audit_pruned SET seq = {oldest}");
        Assert.Equal(AuditBreakKind.Edited, Broken(log).Kind);
    }
}
