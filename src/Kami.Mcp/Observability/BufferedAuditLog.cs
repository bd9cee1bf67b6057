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

    private async Task WriteAsync()
    {
        await foreach (var call in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                _inner.Record(call);
            }
            catch (Exception)
            {
                // The audit log must never take the server down; a record that cannot be written is counted as dropped.
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
