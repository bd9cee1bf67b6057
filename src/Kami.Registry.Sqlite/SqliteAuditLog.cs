using System.Globalization;
using Kami.Core.Registry;

namespace Kami.Registry.Sqlite;

/// <summary>The call audit log, in the registry database beside the tools it describes.</summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private readonly SqliteDatabase _database;

    public SqliteAuditLog(SqliteToolRegistry registry) => _database = registry.Database;

    public void Record(CallRecord call)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO calls (tool_id, started_at, duration_ms, outcome, fuel_used, error, arguments, transport)
            VALUES ($tool, $started, $duration, $outcome, $fuel, $error, $arguments, $transport)
            """;
        command.Parameters.AddWithValue("$tool", call.ToolId);
        command.Parameters.AddWithValue("$started", call.StartedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$duration", call.DurationMs);
        command.Parameters.AddWithValue("$outcome", call.Outcome);
        command.Parameters.AddWithValue("$fuel", (long)Math.Min(call.FuelUsed, long.MaxValue));
        command.Parameters.AddWithValue("$error", (object?)call.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("$arguments", (object?)call.Arguments ?? DBNull.Value);
        command.Parameters.AddWithValue("$transport", call.Transport);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tool_id, started_at, duration_ms, outcome, fuel_used, error, arguments, transport FROM calls"
            + (toolId is null ? "" : " WHERE tool_id = $tool COLLATE NOCASE") + " ORDER BY seq DESC LIMIT $limit";
        if (toolId is not null) command.Parameters.AddWithValue("$tool", toolId);
        command.Parameters.AddWithValue("$limit", limit);
        using var r = command.ExecuteReader();
        var result = new List<CallRecord>();
        while (r.Read())
        {
            result.Add(new CallRecord(r.GetString(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetDouble(2),
                r.GetString(3), (ulong)r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7)));
        }
        return result;
    }
}
