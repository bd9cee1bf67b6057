namespace Kami.Core.Identity;

/// <summary>
/// Quota counters: one number per key and window. In-process (<see cref="InProcessQuotaCounter"/>) for one server; a
/// shared store makes the quotas hold across a fleet, e.g. in PostgreSQL one statement per add:
/// <c>INSERT INTO quota_counters (key, window_start, window_end, value) VALUES (…) ON CONFLICT (key, window_start)
/// DO UPDATE SET value = quota_counters.value + excluded.value RETURNING value</c>, and rows past <c>window_end</c> deleted now and then.
/// </summary>
public interface IQuotaCounter
{
    /// <summary>
    /// Adds <paramref name="amount"/> (0 reads) to the counter <paramref name="key"/> in <paramref name="window"/>, atomically
    /// with every other add to it, and returns the new total. A window not seen before starts at 0.
    /// </summary>
    ValueTask<long> AddAsync(string key, QuotaWindow window, long amount, CancellationToken cancellationToken);
}
