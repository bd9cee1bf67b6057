using System.Threading.Channels;
using Kami.Core.Registry;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Observability;

/// <summary>
/// Takes audit records off the call path: calls enqueue, one background task writes them to the registry.
/// Bounded in records and in bytes, and each stored error in length (<see cref="AuditText"/>), so neither a flood of
/// calls nor a guest's megabyte error costs memory or disk beyond a fixed amount: what does not fit is dropped,
/// counted and logged, and a call never waits. Drained on dispose.
/// </summary>
internal sealed class BufferedAuditLog : IAuditLog, IAsyncDisposable
{
    public const int DefaultMaxRecords = 10_000;
    public const long DefaultMaxBytes = 16L << 20;
    private const int MaxBatch = 512;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly IAuditLog _inner;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _maxRecords;
    private readonly long _maxBytes;
    private readonly Channel<CallRecord> _queue;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _writer;
    private long _queuedBytes;
    private long _dropped;
    private long _droppedReported;

    public BufferedAuditLog(IAuditLog inner, ILogger logger, TimeProvider time, int maxRecords = DefaultMaxRecords, long maxBytes = DefaultMaxBytes)
    {
        _inner = inner;
        _logger = logger;
        _time = time;
        _maxRecords = maxRecords;
        _maxBytes = maxBytes;
        _queue = Channel.CreateBounded<CallRecord>(new BoundedChannelOptions(maxRecords) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Records dropped so far (queue full, or the registry refused the write).</summary>
    internal long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Bytes (as <see cref="AuditText.SizeOf"/> counts them) waiting to be written.</summary>
    internal long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    public void Record(CallRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (AuditText.Bound(call.Error) is var error && !ReferenceEquals(error, call.Error)) call = call with { Error = error };
        var size = AuditText.SizeOf(call);
        // Reserve first, then check: racing calls can only over-count for a moment, so the bound always holds.
        if (Interlocked.Add(ref _queuedBytes, size) <= _maxBytes && _queue.Writer.TryWrite(call)) return;
        Interlocked.Add(ref _queuedBytes, -size);
        Interlocked.Increment(ref _dropped);
    }

    public IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null) => _inner.Recent(limit, toolId);

    // Drains whatever has queued up and writes it as one batch: under load many calls share one transaction.
    private async Task WriteAsync()
    {
        var batch = new List<CallRecord>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Let records gather for a moment: one transaction per interval instead of one per call.
            if (_queue.Reader.Count < MaxBatch && !_closing.IsCancellationRequested)
            {
                try { await Task.Delay(FlushInterval, _time, _closing.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { /* closing: write what is there now */ }
            }
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var call))
            {
                batch.Add(call);
                Interlocked.Add(ref _queuedBytes, -AuditText.SizeOf(call));
            }
            try
            {
                _inner.RecordAll(batch);
            }
            catch (Exception e)
            {
                // The audit log must never take the server down; records that cannot be written are counted as dropped.
                Interlocked.Add(ref _dropped, batch.Count);
                _droppedReported += batch.Count;
                AuditLogMessages.WriteFailed(_logger, batch.Count, e.Message);
            }
            batch.Clear();
            ReportDrops();
        }
        ReportDrops();
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

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _closing.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        _closing.Dispose();
    }
}
