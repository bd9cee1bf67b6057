using System.Threading.Channels;
using Kami.Core.Registry;

namespace Kami.Bench.Audit;

/// <summary>
/// The old behaviour, for comparison: the write returns at once and a background task writes to the database, so a
/// call never waits for a commit (and a killed process loses what is queued).
/// </summary>
internal sealed class QueuedAuditLog(IAuditLog inner) : IAuditLog
{
    private readonly Channel<CallRecord> _queue = StartWriter(inner);

    public void Record(CallRecord call) => _queue.Writer.TryWrite(call);

    public void RecordAll(IReadOnlyList<CallRecord> calls)
    {
        foreach (var call in calls) _queue.Writer.TryWrite(call);
    }

    public IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null) => inner.Recent(limit, toolId);

    private static Channel<CallRecord> StartWriter(IAuditLog inner)
    {
        var queue = Channel.CreateUnbounded<CallRecord>(new UnboundedChannelOptions { SingleReader = true });
        _ = Task.Run(async () =>
        {
            var batch = new List<CallRecord>();
            while (await queue.Reader.WaitToReadAsync())
            {
                // As BufferedAuditLog did: let records gather for 100 ms, then one transaction.
                await Task.Delay(100);
                while (batch.Count < 512 && queue.Reader.TryRead(out var call)) batch.Add(call);
                inner.RecordAll(batch);
                batch.Clear();
            }
        });
        return queue;
    }
}
