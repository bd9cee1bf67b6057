using Kami.Core.Registry;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>An audit log in a list; optionally blocks its writes until released, to hold the writer, or fails them, as a database that is down.</summary>
internal sealed class MemoryAuditLog : IAuditLog
{
    private readonly List<CallRecord> _records = [];

    public ManualResetEventSlim? Gate { get; init; }

    private int _held;

    /// <summary>Writes waiting at <see cref="Gate"/> now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Behaves as a local store (SQLite): callers commit their own records.</summary>
    public bool CommitsLocally { get; init; }

    /// <summary>While set, every write throws, as an unreachable database does.</summary>
    public volatile bool Down;

    /// <summary>How many writes (transactions) succeeded.</summary>
    public int Batches { get; private set; }

    public IReadOnlyList<CallRecord> Records
    {
        get { lock (_records) return [.. _records]; }
    }

    public void Record(CallRecord call) => RecordAll([call]);

    public void RecordAll(IReadOnlyList<CallRecord> calls)
    {
        Interlocked.Increment(ref _held);
        Gate?.Wait();
        Interlocked.Decrement(ref _held);
        if (Down) throw new InvalidOperationException("the database cannot be reached");
        lock (_records)
        {
            _records.AddRange(calls);
            Batches++;
        }
    }

    // Newest first, as the stores answer.
    public IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null) =>
        [.. Records.Where(r => toolId is null || string.Equals(r.ToolId, toolId, StringComparison.OrdinalIgnoreCase)).Reverse().Take(limit)];
}
