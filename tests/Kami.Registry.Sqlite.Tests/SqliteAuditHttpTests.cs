using System.Globalization;
using Kami.Core.Registry;
using Kami.Core.Security.Network;
using Kami.TestCommon;
using Microsoft.Data.Sqlite;

namespace Kami.Registry.Sqlite.Tests;

/// <summary>The HTTP summary of a call in the audit log: stored, read back, and older databases kept working.</summary>
public sealed class SqliteAuditHttpTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CallRecord Call(HttpCallSummary? http) =>
        new("dev.kami.fetch", new DateTimeOffset(2025, 1, 1, 0, 0, 1, TimeSpan.Zero), 2.5, "ok", 1000, null, null, "stdio") { Http = http };

    private static HttpCallSummary TwoHopsAndADenial() => new(2, 4, 1200,
    [
        new([new HttpHop("POST", "api.example.com", true, 302, null, 4, 0), new HttpHop("GET", "cdn.example.com", true, 200, null, 0, 1200)]),
        new([new HttpHop("GET", "169.254.169.254", false, null, "denied", 0, 0)]),
    ]);

    [Fact]
    public void Recent_DamagedHttpColumn_KeepsTotalsAndTheListing()
    {
        var file = _temp.Combine("damaged.db");
        var log = new SqliteAuditLog(new SqliteToolRegistry(file));
        log.Record(Call(TwoHopsAndADenial()));
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            SqliteDatabase.Execute(connection, "UPDATE calls SET http = '[{\"hops\": [null]}, 42' ;");
        }

        var http = Assert.Single(log.Recent(10)).Http!;

        Assert.Equal((2, 1200L), (http.Requests, http.BytesReceived));
        Assert.Empty(http.Entries);
    }

    [Fact]
    public void Open_Version3DatabaseWithCalls_MigratesAndOldCallsReadWithoutHttp()
    {
        // A registry as the previous schema made it, with a call recorded before HTTP was audited.
        var file = _temp.Combine("v3.db");
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            for (var i = 0; i < 3; i++) SqliteDatabase.Execute(connection, Migrations.Steps[i]);
            SqliteDatabase.Execute(connection, "PRAGMA user_version = 3;");
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO calls (tool_id, started_at, duration_ms, outcome, fuel_used, error, arguments, transport)
                VALUES ('dev.kami.echo', $at, 1.5, 'ok', 7, NULL, NULL, 'stdio')
                """;
            insert.Parameters.AddWithValue("$at", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture));
            insert.ExecuteNonQuery();
        }

        var registry = new SqliteToolRegistry(file);
        var log = new SqliteAuditLog(registry);
        var old = Assert.Single(log.Recent(10));
        log.Record(Call(TwoHopsAndADenial()));

        Assert.Equal(Migrations.Latest, registry.Describe().SchemaVersion);
        Assert.Equal(("dev.kami.echo", 7UL, null), (old.ToolId, old.FuelUsed, old.Http));
        var recent = log.Recent(10);
        Assert.Equal(2, recent.Count);
        Assert.Equal(2, recent[0].Http!.Entries.Count);
        Assert.Null(recent[1].Http);
    }
}
