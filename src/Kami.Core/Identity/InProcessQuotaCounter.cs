using System.Collections.Concurrent;

namespace Kami.Core.Identity;

/// <summary>Quota counters in this process's memory: exact for one server, per replica in a fleet (use a shared counter there).</summary>
public sealed class InProcessQuotaCounter(TimeProvider time) : IQuotaCounter
{
    private readonly ConcurrentDictionary<(string Key, DateTimeOffset Start), Counter> _counters = new();
    private long _adds;

    /// <inheritdoc/>
    public ValueTask<long> AddAsync(string key, QuotaWindow window, long amount, CancellationToken cancellationToken)
    {
        var counter = _counters.GetOrAdd((key, window.Start), _ => new Counter(window.End));
        var total = Interlocked.Add(ref counter.Value, amount);
        // Now and then drop the windows that have ended, so a server that runs for months does not grow.
        if (Interlocked.Increment(ref _adds) % 1024 == 0) Prune(time.GetUtcNow());
        return ValueTask.FromResult(total);
    }

    /// <summary>How many windows are held (for tests of the pruning).</summary>
    public int Count => _counters.Count;

    private void Prune(DateTimeOffset now)
    {
        foreach (var entry in _counters)
            if (entry.Value.End <= now) _counters.TryRemove(entry);
    }

    private sealed class Counter(DateTimeOffset end)
    {
        public long Value;
        public DateTimeOffset End { get; } = end;
    }
}
