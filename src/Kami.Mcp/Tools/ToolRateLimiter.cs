using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Kami.Core.Identity;

namespace Kami.Mcp.Tools;

/// <summary>
/// At most N calls per tool per minute (0 = unlimited). On one machine a token bucket per tool, in this process. With a
/// shared <see cref="IQuotaCounter"/> (a fleet on PostgreSQL) the limit holds for the whole fleet instead, so three
/// replicas do not triple it: see <see cref="SharedAcquireAsync"/>.
/// </summary>
internal sealed class ToolRateLimiter(int callsPerMinute, IQuotaCounter? shared = null, TimeProvider? time = null) : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, long Calls)> _previousMinutes = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public int CallsPerMinute { get; } = callsPerMinute;

    /// <summary>Whether the limit is counted in a store the fleet shares.</summary>
    public bool IsShared => shared is not null;

    /// <summary>Takes one call of <paramref name="toolId"/> from its budget; false when the budget is spent.</summary>
    public ValueTask<bool> TryAcquireAsync(string toolId, CancellationToken cancellationToken)
    {
        if (CallsPerMinute <= 0) return ValueTask.FromResult(true);
        return shared is null ? ValueTask.FromResult(LocalAcquire(toolId)) : SharedAcquireAsync(shared, toolId, cancellationToken);
    }

    private bool LocalAcquire(string toolId)
    {
        var bucket = _buckets.GetOrAdd(toolId, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = CallsPerMinute,
            TokensPerPeriod = CallsPerMinute,
            ReplenishmentPeriod = Minute,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    /// <summary>
    /// A sliding minute over the shared counter's fixed UTC minutes: the calls accepted in this minute, plus the previous
    /// minute's in proportion to how much of it is still within the last 60 s, must stay within the limit. A plain fixed
    /// window would let a burst take N calls at the end of one minute and N more at the start of the next; this one, like
    /// the token bucket, lets a full budget through and then about N/60 a second. One atomic add per call (the previous
    /// minute's total is read once per minute and tool); a refused call gives its add back, so hammering a tool does not
    /// keep it refused. Concurrent refusals may briefly refuse a call the budget had room for, never accept one beyond it.
    /// </summary>
    private async ValueTask<bool> SharedAcquireAsync(IQuotaCounter counter, string toolId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var current = QuotaWindow.MinuteOf(now);
        var key = "rate:" + toolId.ToLowerInvariant();
        var previous = _previousMinutes.TryGetValue(key, out var seen) && seen.Start == current.Start - Minute
            ? seen.Calls
            : await ReadPreviousMinuteAsync(counter, key, current, cancellationToken).ConfigureAwait(false);
        var stillCounted = previous * (1 - ((now - current.Start) / Minute));
        var total = await counter.AddAsync(key, current, 1, cancellationToken).ConfigureAwait(false);
        if (total + stillCounted <= CallsPerMinute) return true;
        await counter.AddAsync(key, current, -1, CancellationToken.None).ConfigureAwait(false);
        return false;
    }

    private async ValueTask<long> ReadPreviousMinuteAsync(IQuotaCounter counter, string key, QuotaWindow current, CancellationToken cancellationToken)
    {
        var window = new QuotaWindow(current.Start - Minute, current.Start);
        var calls = await counter.AddAsync(key, window, 0, cancellationToken).ConfigureAwait(false);
        _previousMinutes[key] = (window.Start, calls);
        return calls;
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values) bucket.Dispose();
    }
}
