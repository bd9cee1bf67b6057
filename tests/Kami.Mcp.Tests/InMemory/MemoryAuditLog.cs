using Kami.Core.Registry;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>An audit log in a list; optionally blocks its writes until released, to hold the buffer's writer.</summary>
internal sealed class MemoryAuditLog : IAuditLog
{
    private readonly List<CallRecord> _records = [];

    public ManualResetEventSlim? Gate { get; init; }

    public IReadOnlyList<CallRecord> Records
    {
        get { lock (_records) return [.. _records]; }
    }

    public void Record(CallRecord call) => RecordAll([call]);

    public void RecordAll(IReadOnlyList<CallRecord> calls)
    {
        Gate?.Wait();
        lock (_records) _records.AddRange(calls);
    }

    public IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null) => [.. Records.TakeLast(limit)];
}
