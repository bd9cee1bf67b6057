using System.Text.Json.Nodes;
using Kami.Core.Identity;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>
/// Quotas over HTTP: a client past its calls per minute or fuel per day is refused with which quota and when it resets,
/// the next window lets it call again, other callers are untouched, and every result reports what the call cost.
/// </summary>
public sealed class QuotaTests
{
    private const string Echo = "dev.kami.echo";
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 7, 30, 10, TimeSpan.Zero);

    private static async Task<(InMemoryHttpKami Kami, FakeClientStore Clients, FakeTimeProvider Time)> StartAsync(MemoryAuditLog? audit = null)
    {
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(Echo, Tools.Text()));
        var clients = new FakeClientStore();
        var time = new FakeTimeProvider(Start);
        // Each call burns 42 fuel (FakeExecutor.Echo).
        var kami = await InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo(), o => o with { Clients = clients }, audit, time);
        return (kami, clients, time);
    }

    private static Dictionary<string, object?> Text(string text) => new() { ["text"] = text };

    private static string TextOf(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    [Fact]
    public async Task CallsPerMinute_Exceeded_SaysWhichQuotaAndWhenItResets_NextMinuteCallsAgain()
    {
        var audit = new MemoryAuditLog();
        var (kami, clients, time) = await StartAsync(audit);
        await using (kami)
        {
            var client = await kami.ConnectAsync(clients.Add("ci-bot", "*", new ClientQuota(CallsPerMinute: 2, FuelPerDay: null)));
            var other = await kami.ConnectAsync(clients.Add("other", "*", new ClientQuota(CallsPerMinute: 2, FuelPerDay: null)));

            Assert.NotEqual(true, (await client.CallToolAsync(Echo, Text("1"))).IsError);
            Assert.NotEqual(true, (await client.CallToolAsync(Echo, Text("2"))).IsError);
            var refused = await client.CallToolAsync(Echo, Text("3"));

            Assert.True(refused.IsError);
            Assert.Contains("calls per minute", TextOf(refused), StringComparison.Ordinal);
            Assert.Contains("ci-bot", TextOf(refused), StringComparison.Ordinal);
            Assert.Contains("resets at 2026-12-05T07:31:00Z (in 50 s)", TextOf(refused), StringComparison.Ordinal);
            // Another caller's quota is its own; the operator has none.
            Assert.NotEqual(true, (await other.CallToolAsync(Echo, Text("x"))).IsError);
            var operatorClient = await kami.ConnectAsync();
            for (var i = 0; i < 5; i++) Assert.NotEqual(true, (await operatorClient.CallToolAsync(Echo, Text("op"))).IsError);

            time.Advance(TimeSpan.FromSeconds(50));
            Assert.NotEqual(true, (await client.CallToolAsync(Echo, Text("4"))).IsError);
        }
        Assert.Contains(audit.Records, r => r.Caller == "ci-bot" && r.Outcome == "QuotaExceeded" && r.FuelUsed == 0);
    }

    [Fact]
    public async Task FuelPerDay_Exceeded_RefusedUntilMidnightUtc_AndEachResultReportsItsCost()
    {
        var (kami, clients, time) = await StartAsync();
        await using var _ = kami;
        var client = await kami.ConnectAsync(clients.Add("metered", "*", new ClientQuota(CallsPerMinute: null, FuelPerDay: 100)));

        var first = await client.CallToolAsync(Echo, Text("1"));
        var cost = Assert.IsType<JsonObject>(first.Meta?["dev.kami/cost"]);
        Assert.Equal(42, cost["fuel"]!.GetValue<long>());
        Assert.Equal(42, cost["fuel_today"]!.GetValue<long>());
        Assert.Equal(100, cost["fuel_per_day"]!.GetValue<long>());
        Assert.NotEqual(true, (await client.CallToolAsync(Echo, Text("2"))).IsError);
        // 84 used, under 100: the third runs and takes the day past its limit; the fourth is refused.
        Assert.NotEqual(true, (await client.CallToolAsync(Echo, Text("3"))).IsError);
        var refused = await client.CallToolAsync(Echo, Text("4"));

        Assert.True(refused.IsError);
        Assert.Contains("fuel per day for metered is 100", TextOf(refused), StringComparison.Ordinal);
        Assert.Contains("resets at 2026-12-06T00:00:00Z", TextOf(refused), StringComparison.Ordinal);

        time.Advance(TimeSpan.FromHours(17));
        Assert.NotEqual(true, (await client.CallToolAsync(Echo, Text("tomorrow"))).IsError);
    }

    [Fact]
    public async Task Cost_OperatorResult_ReportsFuelWithoutQuota()
    {
        var (kami, _, _) = await StartAsync();
        await using var _ = kami;
        var result = await (await kami.ConnectAsync()).CallToolAsync(Echo, Text("x"));
        var cost = Assert.IsType<JsonObject>(result.Meta?["dev.kami/cost"]);
        Assert.Equal(42, cost["fuel"]!.GetValue<long>());
        Assert.False(cost.ContainsKey("fuel_per_day"));
    }

    [Fact]
    public async Task InProcessCounter_ConcurrentAdds_AllCountedAndOldWindowsDropped()
    {
        var time = new FakeTimeProvider(Start);
        var counter = new InProcessQuotaCounter(time);
        var window = QuotaWindow.MinuteOf(time.GetUtcNow());
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++) await counter.AddAsync("k", window, 1, CancellationToken.None);
        })));
        Assert.Equal(8000, await counter.AddAsync("k", window, 0, CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(2));
        var next = QuotaWindow.MinuteOf(time.GetUtcNow());
        for (var i = 0; i < 1024; i++) await counter.AddAsync("k", next, 1, CancellationToken.None);
        Assert.Equal(1, counter.Count);
    }
}
