using Kami.Core.Registry;
using Kami.TestCommon;

namespace Kami.Registry.Sqlite.Tests;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SqliteAuditLog _log;

    public SqliteAuditLogTests() => _log = new SqliteAuditLog(new SqliteToolRegistry(_temp.Combine("registry.db")));

    public void Dispose() => _temp.Dispose();

    private static CallRecord Call(string tool, int n) =>
        new(tool, new DateTimeOffset(2025, 1, 1, 0, 0, n, TimeSpan.Zero), n + 0.5, n % 2 == 0 ? "ok" : "error", (ulong)n * 1000,
            n % 2 == 0 ? null : "boom", n == 0 ? "{\"text\":\"hi\"}" : null, "stdio");

    [Fact]
    public void Recent_NewestFirstWithLimit()
    {
        for (var i = 0; i < 5; i++) _log.Record(Call("dev.kami.echo", i));
        var recent = _log.Recent(3);
        Assert.Equal([4, 3, 2], recent.Select(c => c.StartedAt.Second));
        Assert.Equal(Call("dev.kami.echo", 4), recent[0]);
    }

    [Fact]
    public void RecordAll_BeyondRetention_KeepsOnlyTheNewestCalls()
    {
        var log = new SqliteAuditLog(new SqliteToolRegistry(_temp.Combine("retained.db")), retainedCalls: 3);
        log.RecordAll([.. Enumerable.Range(0, 5).Select(i => Call("dev.kami.echo", i))]);
        log.Record(Call("dev.kami.echo", 5));
        Assert.Equal([5, 4, 3], log.Recent(100).Select(c => c.StartedAt.Second));
    }

    [Fact]
    public void Record_AllFieldsRoundTrip()
    {
        _log.Record(Call("dev.kami.echo", 0));
        _log.Record(Call("dev.kami.echo", 1));
        Assert.Equal([Call("dev.kami.echo", 1), Call("dev.kami.echo", 0)], _log.Recent(10));
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
}
