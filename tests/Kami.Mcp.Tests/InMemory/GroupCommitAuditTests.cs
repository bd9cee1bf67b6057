using Kami.Core.Registry;
using Kami.Mcp.Observability;
using Microsoft.Extensions.Time.Testing;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>
/// Issue 20 part 6: a call's record is committed before the call answers, concurrent calls share a transaction, and
/// a database that is down delays a call by the bounded wait at most, keeping its record until the database is back.
/// </summary>
public sealed class GroupCommitAuditTests
{
    private static CallRecord Call(int n) => new("dev.kami.a", DateTimeOffset.UnixEpoch.AddSeconds(n), 1, "ok", 0, null, null, "memory");

    [Fact]
    public async Task RecordAsync_WriteHeld_CompletesOnlyAfterTheCommit()
    {
        using var gate = new ManualResetEventSlim(false);
        var inner = new MemoryAuditLog { Gate = gate };
        await using var audit = new GroupCommitAuditLog(inner, new CapturedLog().CreateLogger("audit"), new FakeTimeProvider());

        var recorded = audit.RecordAsync(Call(1));
        await Task.Yield();
        Assert.False(recorded.IsCompleted, "the call would answer before its record is committed");
        Assert.Empty(inner.Records);

        gate.Set();
        await recorded.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(inner.Records);
    }

    [Fact]
    public async Task RecordAsync_ManyConcurrentCalls_ShareFewTransactions()
    {
        using var gate = new ManualResetEventSlim(false);
        var inner = new MemoryAuditLog { Gate = gate };
        await using var audit = new GroupCommitAuditLog(inner, new CapturedLog().CreateLogger("audit"), new FakeTimeProvider());

        // The first record's transaction is held; the other 99 queue behind it and go in the next one.
        var calls = Enumerable.Range(0, 100).Select(i => audit.RecordAsync(Call(i))).ToList();
        gate.Set();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(100, inner.Records.Count);
        Assert.InRange(inner.Batches, 1, 3);
    }

    [Fact]
    public async Task RecordAsync_DatabaseDown_AnswersAfterTheBoundedWaitThenAtOnce_WritesAllWhenBack()
    {
        var inner = new MemoryAuditLog { Down = true };
        var log = new CapturedLog();
        var time = new FakeTimeProvider();
        await using var audit = new GroupCommitAuditLog(inner, log.CreateLogger("audit"), time);

        var first = audit.RecordAsync(Call(1));
        await Task.Delay(50);
        Assert.False(first.IsCompleted, "a call should wait a moment for a retry while the database is briefly away");
        time.Advance(GroupCommitAuditLog.DefaultCommitWait);
        await first.WaitAsync(TimeSpan.FromSeconds(10));

        // Known to be down: the next calls answer without waiting, and the warning was logged once.
        Assert.True(audit.Degraded);
        for (var i = 2; i <= 5; i++) Assert.True(audit.RecordAsync(Call(i)).IsCompleted);
        Assert.Single(log.WithEvent(3004));
        Assert.Empty(inner.Records);

        inner.Down = false;
        while (inner.Records.Count < 5)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20);
        }
        Assert.Equal([1, 2, 3, 4, 5], inner.Records.Select(r => r.StartedAt.ToUnixTimeSeconds()));
        Assert.False(audit.Degraded);
        Assert.Single(log.WithEvent(3005));
        Assert.Equal(0, audit.Dropped);
    }

    [Fact]
    public async Task Dispose_DatabaseStillDown_GivesUpAndSaysHowManyWereLost()
    {
        var inner = new MemoryAuditLog { Down = true };
        var log = new CapturedLog();
        var time = new FakeTimeProvider();
        var audit = new GroupCommitAuditLog(inner, log.CreateLogger("audit"), time);
        audit.Record(Call(1));
        audit.Record(Call(2));

        var disposed = audit.DisposeAsync().AsTask();
        while (!disposed.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
        await disposed;
        Assert.Contains("2 audit records could not be written", Assert.Single(log.WithEvent(3006)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_LocalStore_CommittedOnTheCallersThreadBeforeItReturns()
    {
        // No hand-off to the writer loop and back: the call's own thread commits, so the answer waits only for the write.
        var inner = new MemoryAuditLog { CommitsLocally = true };
        await using var audit = new GroupCommitAuditLog(inner, new CapturedLog().CreateLogger("audit"), new FakeTimeProvider());

        var recorded = audit.RecordAsync(Call(1));

        Assert.True(recorded.IsCompleted, "the record was handed to another thread instead of committed by the caller");
        Assert.Single(inner.Records);
    }

    [Fact]
    public async Task RecordAsync_LocalStore_ConcurrentCallsJoinOneCommit()
    {
        using var gate = new ManualResetEventSlim(false);
        var inner = new MemoryAuditLog { Gate = gate, CommitsLocally = true };
        await using var audit = new GroupCommitAuditLog(inner, new CapturedLog().CreateLogger("audit"), new FakeTimeProvider());

        // The first caller's commit is held; the others join the list meanwhile and go in at most a few commits after it.
        var first = Task.Run(() => audit.RecordAsync(Call(0)));
        for (var waited = 0; inner.Held == 0; waited += 5)
        {
            Assert.True(waited < 10_000, "the first commit never started");
            await Task.Delay(5);
        }
        var others = Enumerable.Range(1, 49).Select(i => Task.Run(() => audit.RecordAsync(Call(i)))).ToList();
        await Task.Delay(200);
        Assert.Empty(inner.Records);
        gate.Set();
        await Task.WhenAll([first, .. others]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(50, inner.Records.Count);
        Assert.InRange(inner.Batches, 2, 3);
    }

    [Fact]
    public async Task RecordAsync_LocalStoreDown_AnswersAtOnce_WritesAllWhenBack()
    {
        var inner = new MemoryAuditLog { Down = true, CommitsLocally = true };
        var log = new CapturedLog();
        var time = new FakeTimeProvider();
        await using var audit = new GroupCommitAuditLog(inner, log.CreateLogger("audit"), time);

        for (var i = 1; i <= 3; i++) Assert.True(audit.RecordAsync(Call(i)).IsCompleted, "a call waited on a store that is down");
        Assert.True(audit.Degraded);
        Assert.Single(log.WithEvent(3004));

        inner.Down = false;
        while (inner.Records.Count < 3)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20);
        }
        Assert.Equal([1, 2, 3], inner.Records.Select(r => r.StartedAt.ToUnixTimeSeconds()));
        Assert.False(audit.Degraded);
        Assert.Equal(0, audit.Dropped);
    }

    [Fact]
    public async Task RecordAsync_NotDurable_AnswersBeforeTheCommit_WritesJustAfter()
    {
        // audit_durable = false (one machine's default): the answer does not wait; the record follows in the background.
        using var gate = new ManualResetEventSlim(false);
        var inner = new MemoryAuditLog { Gate = gate, CommitsLocally = true };
        await using var audit = new GroupCommitAuditLog(inner, new CapturedLog().CreateLogger("audit"), new FakeTimeProvider()) { WaitForCommit = false };

        Assert.True(audit.RecordAsync(Call(1)).IsCompleted, "the call waited for its commit");
        Assert.Empty(inner.Records);

        gate.Set();
        for (var waited = 0; inner.Records.Count == 0; waited += 10)
        {
            Assert.True(waited < 10_000, "the record was never written");
            await Task.Delay(10);
        }
        Assert.Single(inner.Records);
    }
}
