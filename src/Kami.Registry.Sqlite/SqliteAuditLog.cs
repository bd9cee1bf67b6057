using System.Globalization;
using System.Text.Json;
using Kami.Core.Registry;
using Microsoft.Data.Sqlite;

namespace Kami.Registry.Sqlite;

/// <summary>The call audit log, in the registry database beside the tools it describes.</summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private readonly SqliteDatabase _database;

    /// <summary>How many recent calls the audit log keeps by default.</summary>
    public const int DefaultRetainedCalls = 100_000;

    private readonly int _retainedCalls;

    /// <summary>The log in <paramref name="registry"/>'s database, keeping the newest <paramref name="retainedCalls"/> calls (at least one).</summary>
    public SqliteAuditLog(SqliteToolRegistry registry, int retainedCalls = DefaultRetainedCalls)
    {
        _database = registry.Database;
        _retainedCalls = Math.Max(1, retainedCalls);
    }

    /// <summary>Records one call in its own transaction; prefer <see cref="RecordAll"/> for several.</summary>
    public void Record(CallRecord call) => RecordAll([call]);

    /// <summary>Writes several records in one transaction (one fsync instead of one per call).</summary>
    public void RecordAll(IReadOnlyList<CallRecord> calls)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO calls (tool_id, started_at, duration_ms, outcome, fuel_used, error, arguments, transport,
                               http_requests, http_bytes_sent, http_bytes_received, http, caller)
            VALUES ($tool, $started, $duration, $outcome, $fuel, $error, $arguments, $transport, $requests, $sent, $received, $http, $caller)
            """;
        var tool = command.Parameters.Add("$tool", SqliteType.Text);
        var started = command.Parameters.Add("$started", SqliteType.Text);
        var duration = command.Parameters.Add("$duration", SqliteType.Real);
        var outcome = command.Parameters.Add("$outcome", SqliteType.Text);
        var fuel = command.Parameters.Add("$fuel", SqliteType.Integer);
        var error = command.Parameters.Add("$error", SqliteType.Text);
        var arguments = command.Parameters.Add("$arguments", SqliteType.Text);
        var transport = command.Parameters.Add("$transport", SqliteType.Text);
        var requests = command.Parameters.Add("$requests", SqliteType.Integer);
        var sent = command.Parameters.Add("$sent", SqliteType.Integer);
        var received = command.Parameters.Add("$received", SqliteType.Integer);
        var http = command.Parameters.Add("$http", SqliteType.Text);
        var caller = command.Parameters.Add("$caller", SqliteType.Text);
        foreach (var call in calls)
        {
            tool.Value = call.ToolId;
            started.Value = call.StartedAt.ToString("O", CultureInfo.InvariantCulture);
            duration.Value = call.DurationMs;
            outcome.Value = call.Outcome;
            fuel.Value = (long)Math.Min(call.FuelUsed, long.MaxValue);
            error.Value = (object?)call.Error ?? DBNull.Value;
            arguments.Value = (object?)call.Arguments ?? DBNull.Value;
            transport.Value = call.Transport;
            requests.Value = call.Http?.Requests ?? 0;
            sent.Value = call.Http?.BytesSent ?? 0;
            received.Value = call.Http?.BytesReceived ?? 0;
            http.Value = call.Http is { } summary ? JsonSerializer.Serialize(summary.Entries, AuditJsonContext.Default.IReadOnlyListHttpRequestRecord) : DBNull.Value;
            caller.Value = (object?)call.Caller ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
        // Keep the most recent calls only, so a busy server's registry does not grow without bound.
        using (var prune = connection.CreateCommand())
        {
            prune.CommandText = "DELETE FROM calls WHERE seq <= (SELECT max(seq) FROM calls) - $keep";
            prune.Parameters.AddWithValue("$keep", _retainedCalls);
            prune.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>The newest calls first, at most <paramref name="limit"/>; only <paramref name="toolId"/>'s (ignoring case) when given, all tools' when null.</summary>
    public IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tool_id, started_at, duration_ms, outcome, fuel_used, error, arguments, transport, http_requests, http_bytes_sent, http_bytes_received, http, caller FROM calls"
            + (toolId is null ? "" : " WHERE tool_id = $tool COLLATE NOCASE") + " ORDER BY seq DESC LIMIT $limit";
        if (toolId is not null) command.Parameters.AddWithValue("$tool", toolId);
        command.Parameters.AddWithValue("$limit", limit);
        using var r = command.ExecuteReader();
        var result = new List<CallRecord>();
        while (r.Read())
        {
            result.Add(new CallRecord(r.GetString(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetDouble(2),
                r.GetString(3), (ulong)r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7))
            {
                Http = r.GetInt32(8) == 0 && r.IsDBNull(11) ? null
                    : new HttpCallSummary(r.GetInt32(8), r.GetInt64(9), r.GetInt64(10), r.IsDBNull(11) ? [] : Entries(r.GetString(11))),
                Caller = r.IsDBNull(12) ? null : r.GetString(12),
            });
        }
        return result;
    }

    // A damaged column costs that call's hop list, never the listing: the totals are in their own columns.
    private static IReadOnlyList<HttpRequestRecord> Entries(string json)
    {
        try
        {
            var entries = JsonSerializer.Deserialize(json, AuditJsonContext.Default.IReadOnlyListHttpRequestRecord) ?? [];
            return entries.All(e => e?.Hops is { Count: > 0 } hops && hops.All(h => h?.Host is not null && h.Method is not null)) ? entries : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
