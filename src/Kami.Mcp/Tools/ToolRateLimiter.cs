using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Kami.Mcp.Tools;

/// <summary>At most N calls per tool per minute (0 = unlimited), a token bucket per tool.</summary>
internal sealed class ToolRateLimiter(int callsPerMinute) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.OrdinalIgnoreCase);

    public int CallsPerMinute { get; } = callsPerMinute;

    public bool TryAcquire(string toolId)
    {
        if (CallsPerMinute <= 0) return true;
        var bucket = _buckets.GetOrAdd(toolId, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = CallsPerMinute,
            TokensPerPeriod = CallsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values) bucket.Dispose();
    }
}
