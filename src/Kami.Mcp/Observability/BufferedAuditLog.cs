using System.Threading.Channels;
using Kami.Core.Registry;

namespace Kami.Mcp.Observability;

/// <summary>
/// Takes audit records off the call path: calls enqueue, one background task writes them to the registry.
/// Bounded, so a flood of calls drops audit records (counted) rather than memory; drained on dispose.
/// </summary>
public sealed class BufferedAuditLog : IAuditLog, IAsyncDisposable
{
    private readonly IAuditLog _inner;
    private readonly Channel<CallRecord> _queue = Channel.CreateBounded<CallRecord>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly Task _writer;
    private long _dropped;

    public BufferedAuditLog(IAuditLog inner)
    {
        _inner = inner;
        _writer = Task.Run(WriteAsync);
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(CallRecord call)
    {
        if (!_queue.Writer.TryWrite(call)) Interlocked.Increment(ref _dropped);
    }

    public IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null) => _inner.Recent(limit, toolId);

    // Drains whatever has queued up and writes it as one batch: under load many calls share one transaction.
    private async Task WriteAsync()
    {
        var batch = new List<CallRecord>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Let records gather for a moment: one transaction per interval instead of one per call.
            if (_queue.Reader.Count < MaxBatch) await Task.Delay(FlushInterval).ConfigureAwait(false);
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var call)) batch.Add(call);
            try
            {
                _inner.RecordAll(batch);
            }
            catch (Exception)
            {
                // The audit log must never take the server down; records that cannot be written are counted as dropped.
                Interlocked.Add(ref _dropped, batch.Count);
            }
            batch.Clear();
        }
    }

    private const int MaxBatch = 512;
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
