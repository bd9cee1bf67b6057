using System.Threading.Channels;
using Kami.Core.Registry;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Observability;

/// <summary>
/// Writes audit records durably before a call answers, with group commit: calls enqueue their record and wait, one
/// writer loop takes everything queued (at most <see cref="MaxBatch"/>) into one transaction, and each call resumes
/// when its batch has committed. So a record whose answer reached the client survives the process being killed.
/// The wait is bounded (<see cref="DefaultCommitWait"/>): when the database is down or slow, the call answers anyway
/// and its record stays queued in memory (bounded in records and bytes, each error cut by <see cref="AuditText"/>),
/// retried until the database is back; such records are not crash-safe, and this is logged once per outage.
/// While degraded, calls do not wait at all. What does not fit is dropped, counted and logged. Drained on dispose.
/// On a local store (<see cref="IAuditLog.CommitsLocally"/>: SQLite) a call commits on its own thread instead: it
/// joins the records waiting for the commit gate, and whoever takes the gate first commits them all. The hand-off
/// to the writer loop and the wake-up back cost ~0.3 ms a call on a 2-core VM, three times the commit itself. The
/// bounded wait does not apply there: a commit waits at most for SQLite's busy timeout (another process writing),
/// and a failed one leaves its records to the writer loop, degraded, as above.
/// </summary>
internal sealed class GroupCommitAuditLog : IAsyncDisposable
{
    public const int DefaultMaxRecords = 10_000;
    public const long DefaultMaxBytes = 16L << 20;

    /// <summary>The most records one transaction writes.</summary>
    public const int MaxBatch = 512;

    /// <summary>
    /// How long a call waits for its record's commit: a commit takes a few milliseconds (SQLite WAL, PostgreSQL on a
    /// LAN), so 2 s is far beyond a healthy database's worst case, yet short next to an agent's patience; a restart
    /// or failover takes longer, and then calls stop waiting altogether until the writer succeeds again.
    /// </summary>
    public static readonly TimeSpan DefaultCommitWait = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly IAuditLog _inner;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _maxRecords;
    private readonly long _maxBytes;
    private readonly TimeSpan _commitWait;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly bool _commitOnCaller;
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private readonly Lock _joinLock = new();
    private List<Pending> _joined = [];
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _writer;
    private long _queuedRecords;
    private long _queuedBytes;
    private long _dropped;
    private long _droppedReported;
    private int _degraded;

    public GroupCommitAuditLog(IAuditLog inner, ILogger logger, TimeProvider time, int maxRecords = DefaultMaxRecords, long maxBytes = DefaultMaxBytes,
        TimeSpan? commitWait = null)
    {
        _inner = inner;
        _logger = logger;
        _time = time;
        _maxRecords = maxRecords;
        _maxBytes = maxBytes;
        _commitWait = commitWait ?? DefaultCommitWait;
        _commitOnCaller = inner.CommitsLocally;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>
    /// Whether <see cref="RecordAsync"/> waits for the commit (the default). When false, records are committed by the
    /// writer loop in batches just after the answer: faster, and lost if the process is killed before the commit.
    /// </summary>
    public bool WaitForCommit { get; init; } = true;

    /// <summary>Records dropped so far (the queue was full, or the process stopped before they could be written).</summary>
    internal long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Bytes (as <see cref="AuditText.SizeOf"/> counts them) waiting to be written.</summary>
    internal long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Whether calls currently answer without waiting for their record (the last write failed or was too slow).</summary>
    internal bool Degraded => Volatile.Read(ref _degraded) == 1;

    /// <summary>
    /// Queues the record and completes when it is committed, or when the bounded wait ends (the record stays queued),
    /// or at once when the log is degraded or the record did not fit. Never throws for the database's sake.
    /// </summary>
    public Task RecordAsync(CallRecord call)
    {
        if (!WaitForCommit)
        {
            Record(call);
            return Task.CompletedTask;
        }
        if (_commitOnCaller && !Degraded) return CommitOnCallerAsync(call);
        if (Enqueue(call) is not { } pending || Degraded) return Task.CompletedTask;
        return WaitAsync(pending);
    }

    // Group commit without a hand-off: the record joins the list, and the first caller to get the commit gate writes
    // the whole list (its own record and those that joined while the last commit ran); a caller whose record was
    // written meanwhile finds it done. The gate is awaited, not blocked on, so callers queued behind a commit hold no
    // thread; a lone caller gets it at once and commits on its own thread. A commit that fails hands its records to
    // the writer loop, which retries them.
    private async Task CommitOnCallerAsync(CallRecord call)
    {
        if (Reserve(call) is not { } pending) return;
        lock (_joinLock) _joined.Add(pending);
        await _commitGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (pending.Committed.Task.IsCompleted) return;
            List<Pending> batch;
            lock (_joinLock) (batch, _joined) = (_joined, []);
            try
            {
                _inner.RecordAll([.. batch.Select(p => p.Call)]);
            }
            catch (Exception e)
            {
                EnterDegraded(e.Message);
                foreach (var failed in batch)
                {
                    if (!_queue.Writer.TryWrite(failed)) Drop(failed); // closing: it is counted as lost
                }
                return;
            }
            foreach (var done in batch)
            {
                Release(done);
                done.Committed.TrySetResult();
            }
        }
        finally
        {
            _commitGate.Release();
        }
    }

    /// <summary>Queues the record without waiting (a cancelled call, which sends no answer).</summary>
    public void Record(CallRecord call) => Enqueue(call);

    private Pending? Enqueue(CallRecord call)
    {
        if (Reserve(call) is not { } pending) return null;
        if (_queue.Writer.TryWrite(pending)) return pending;
        Drop(pending);
        return null;
    }

    // Counts the record against the bounds, or drops it when it does not fit.
    private Pending? Reserve(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (AuditText.Bound(call.Error) is var error && !ReferenceEquals(error, call.Error)) call = call with { Error = error };
        var size = AuditText.SizeOf(call);
        // Reserve first, then check: racing calls can only over-count for a moment, so the bounds always hold.
        var fits = Interlocked.Add(ref _queuedBytes, size) <= _maxBytes & Interlocked.Increment(ref _queuedRecords) <= _maxRecords;
        var pending = new Pending(call, size);
        if (fits) return pending;
        Drop(pending);
        return null;
    }

    private void Drop(Pending pending)
    {
        Release(pending);
        Interlocked.Increment(ref _dropped);
    }

    private async Task WaitAsync(Pending pending)
    {
        try
        {
            await pending.Committed.Task.WaitAsync(_commitWait, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The writer is stuck (a database that does not answer): stop making calls wait until a write succeeds.
            EnterDegraded($"no commit within {_commitWait.TotalSeconds:0.#} s");
        }
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var retry = FirstRetry;
        while (batch.Count > 0 || await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // No waiting for company: records that queued while the last transaction ran form the next one.
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            try
            {
                _inner.RecordAll([.. batch.Select(p => p.Call)]);
            }
            catch (Exception e)
            {
                // The audit log must never take the server down: keep the batch, tell once, try again later.
                EnterDegraded(e.Message);
                if (!await DelayAsync(retry).ConfigureAwait(false)) break;
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
                continue;
            }
            foreach (var done in batch)
            {
                Release(done);
                done.Committed.TrySetResult();
            }
            if (Interlocked.Exchange(ref _degraded, 0) == 1) AuditLogMessages.Recovered(_logger, Interlocked.Read(ref _queuedRecords));
            batch.Clear();
            retry = FirstRetry;
            ReportDrops();
        }
        // Closing while the database is down: what is still queued is lost, and said so.
        while (_queue.Reader.TryRead(out var left)) batch.Add(left);
        if (batch.Count > 0)
        {
            Interlocked.Add(ref _dropped, batch.Count);
            _droppedReported += batch.Count;
            AuditLogMessages.LostAtShutdown(_logger, batch.Count);
            foreach (var lost in batch) lost.Committed.TrySetResult();
        }
        ReportDrops();
    }

    private async Task<bool> DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _closing.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void EnterDegraded(string reason)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0) AuditLogMessages.Degraded(_logger, reason, _maxRecords);
    }

    private void Release(Pending pending)
    {
        Interlocked.Add(ref _queuedBytes, -pending.Size);
        Interlocked.Decrement(ref _queuedRecords);
    }

    // Logged by the writer, off the call path, once per batch at most.
    private void ReportDrops()
    {
        var dropped = Interlocked.Read(ref _dropped);
        var unreported = dropped - _droppedReported;
        if (unreported <= 0) return;
        _droppedReported = dropped;
        AuditLogMessages.RecordsDropped(_logger, unreported, dropped, _maxRecords, _maxBytes);
    }

    /// <summary>Writes what is queued; if the database stays unreachable, gives up after <see cref="DefaultCommitWait"/> twice over.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(_commitWait * 2, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _closing.CancelAsync().ConfigureAwait(false);
            await _writer.ConfigureAwait(false);
        }
        _closing.Dispose();
        // _commitGate is left to the GC: a call finishing during shutdown may still release it, and it holds no handle.
    }

    private sealed class Pending(CallRecord call, long size)
    {
        public CallRecord Call { get; } = call;
        public long Size { get; } = size;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
