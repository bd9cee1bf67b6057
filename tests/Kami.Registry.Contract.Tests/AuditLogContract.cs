using Kami.Core.Registry;
using Kami.Core.Security.Network;

namespace Kami.Registry.Contract.Tests;

/// <summary>What every audit log adapter keeps of a call, and for how long.</summary>
public abstract class AuditLogContract<TAdapter> : ContractTest<TAdapter> where TAdapter : RegistryAdapter, new()
{
    private readonly IAuditLog _log;

    protected AuditLogContract() => _log = Adapter.AuditLog(Registry);

    private static CallRecord Call(string tool, int n) =>
        new(tool, new DateTimeOffset(2025, 1, 1, 0, 0, n, TimeSpan.Zero), n + 0.5, n % 2 == 0 ? "ok" : "error", (ulong)n * 1000,
            n % 2 == 0 ? null : "boom", n == 0 ? "{\"text\":\"hi\"}" : null, "stdio");

    // The replica id is the adapter's to stamp (a single machine's log has none): compare everything else.
    private static CallRecord WithoutReplica(CallRecord call) => call with { ReplicaId = null };

    [Fact]
    public void Recent_NewestFirstWithLimit()
    {
        for (var i = 0; i < 5; i++) _log.Record(Call("dev.kami.echo", i));
        var recent = _log.Recent(3);
        Assert.Equal([4, 3, 2], recent.Select(c => c.StartedAt.Second));
        Assert.Equal(Call("dev.kami.echo", 4), WithoutReplica(recent[0]));
    }

    [Fact]
    public void RecordAll_BeyondRetention_KeepsOnlyTheNewestCalls()
    {
        var log = Adapter.AuditLog(Registry, retainedCalls: 3);
        log.RecordAll([.. Enumerable.Range(0, 5).Select(i => Call("dev.kami.echo", i))]);
        log.Record(Call("dev.kami.echo", 5));
        Assert.Equal([5, 4, 3], log.Recent(100).Select(c => c.StartedAt.Second));
    }

    [Fact]
    public void Record_AllFieldsRoundTrip()
    {
        _log.Record(Call("dev.kami.echo", 0));
        _log.Record(Call("dev.kami.echo", 1));
        Assert.Equal([Call("dev.kami.echo", 1), Call("dev.kami.echo", 0)], _log.Recent(10).Select(WithoutReplica));
    }

    [Fact]
    public void Recent_ByTool_CaseInsensitive()
    {
        _log.Record(Call("dev.kami.echo", 0));
        _log.Record(Call("dev.kami.other", 1));
        Assert.Equal("dev.kami.echo", Assert.Single(_log.Recent(10, "DEV.KAMI.ECHO")).ToolId);
    }

    [Fact]
    public void Record_HugeFuel_Clamped()
    {
        _log.Record(Call("dev.kami.echo", 0) with { FuelUsed = ulong.MaxValue });
        Assert.Equal((ulong)long.MaxValue, Assert.Single(_log.Recent(1)).FuelUsed);
    }

    [Fact]
    public void Record_HttpSummary_RoundTripsHopByHop()
    {
        var summary = new HttpCallSummary(2, 4, 1200,
        [
            new([new HttpHop("POST", "api.example.com", true, 302, null, 4, 0), new HttpHop("GET", "cdn.example.com", true, 200, null, 0, 1200)]),
            new([new HttpHop("GET", "169.254.169.254", false, null, "denied", 0, 0)]),
        ]);
        _log.Record(Call("dev.kami.fetch", 1) with { Http = summary });
        _log.Record(Call("dev.kami.fetch", 2));

        var recent = _log.Recent(10);
        Assert.Null(recent[0].Http);
        var http = recent[1].Http!;
        Assert.Equal((2, 4L, 1200L), (http.Requests, http.BytesSent, http.BytesReceived));
        Assert.Equal(summary.Entries.Count, http.Entries.Count);
        for (var i = 0; i < summary.Entries.Count; i++) Assert.Equal(summary.Entries[i].Hops, http.Entries[i].Hops);
    }
}
