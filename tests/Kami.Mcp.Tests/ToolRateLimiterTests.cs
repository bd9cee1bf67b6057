using Kami.Core.Identity;
using Kami.Mcp.Tools;
using Microsoft.Extensions.Time.Testing;

namespace Kami.Mcp.Tests;

/// <summary>
/// rate_limit_per_minute over a shared counter (a fleet on PostgreSQL; here the in-process counter both "replicas" share):
/// replicas together accept the limit, not a multiple of it; the next minute carries the previous one in proportion, as a
/// sliding minute; refused calls spend nothing; without a shared counter each process keeps its own token bucket.
/// </summary>
public sealed class ToolRateLimiterTests
{
    private const string Tool = "dev.kami.echo";
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 7, 30, 0, TimeSpan.Zero);

    private static async Task<int> AcceptedAsync(IReadOnlyList<ToolRateLimiter> replicas, int calls, string tool = Tool)
    {
        var accepted = 0;
        await Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(async () =>
        {
            if (await replicas[i % replicas.Count].TryAcquireAsync(tool, CancellationToken.None)) Interlocked.Increment(ref accepted);
        })));
        return accepted;
    }

    [Fact]
    public async Task Shared_ThreeReplicasConcurrently_AcceptExactlyTheLimitBetweenThem()
    {
        var time = new FakeTimeProvider(Start.AddSeconds(5));
        var counter = new InProcessQuotaCounter(time);
        using var a = new ToolRateLimiter(50, counter, time);
        using var b = new ToolRateLimiter(50, counter, time);
        using var c = new ToolRateLimiter(50, counter, time);

        Assert.Equal(50, await AcceptedAsync([a, b, c], 300));
        // Another tool has its own budget.
        Assert.Equal(50, await AcceptedAsync([a, b, c], 90, "dev.kami.hash"));
    }

    [Fact]
    public async Task Shared_NextMinute_PreviousMinuteStillCountsInProportion()
    {
        var time = new FakeTimeProvider(Start.AddSeconds(50));
        var counter = new InProcessQuotaCounter(time);
        using var a = new ToolRateLimiter(60, counter, time);
        using var b = new ToolRateLimiter(60, counter, time);
        Assert.Equal(60, await AcceptedAsync([a, b], 100));

        // 15 s into the next minute, 3/4 of the previous minute's 60 calls are still within the last 60 s: 15 more fit.
        time.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(15, await AcceptedAsync([a, b], 100));

        // 30 s into the minute after that, half of those 15 still count: 60 - 7.5, so 52 fit.
        time.Advance(TimeSpan.FromSeconds(75));
        Assert.Equal(52, await AcceptedAsync([a, b], 100));

        // Two idle minutes later the whole budget is back.
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(60, await AcceptedAsync([a, b], 100));
    }

    [Fact]
    public async Task Shared_RefusedCalls_SpendNothing()
    {
        var time = new FakeTimeProvider(Start);
        var counter = new InProcessQuotaCounter(time);
        using var limiter = new ToolRateLimiter(10, counter, time);
        Assert.Equal(10, await AcceptedAsync([limiter], 500));

        Assert.Equal(10, await counter.AddAsync("rate:" + Tool, QuotaWindow.MinuteOf(time.GetUtcNow()), 0, CancellationToken.None));
    }

    [Fact]
    public async Task Local_EachProcessKeepsItsOwnBucket()
    {
        using var a = new ToolRateLimiter(5);
        using var b = new ToolRateLimiter(5);
        Assert.False(a.IsShared);
        Assert.Equal(10, await AcceptedAsync([a, b], 40));
    }

    [Fact]
    public async Task Off_EveryCallAccepted()
    {
        using var limiter = new ToolRateLimiter(0, new InProcessQuotaCounter(TimeProvider.System));
        Assert.Equal(100, await AcceptedAsync([limiter], 100));
    }
}
