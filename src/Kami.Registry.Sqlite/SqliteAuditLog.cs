using Kami.Core.Registry;
using Kami.Core.Registry.Storage;
using Microsoft.Data.Sqlite;

namespace Kami.Registry.Sqlite;

/// <summary>The call audit log, in the registry database beside the tools it describes.</summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private readonly SqliteDatabase _database;

    /// <summary>How many recent calls the audit log keeps by default.</summary>
    public const int DefaultRetainedCalls = AuditRetention.DefaultRetainedCalls;

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
        command.CommandText = $"INSERT INTO calls ({AuditRow.ColumnList}) VALUES ({string.Join(", ", AuditRow.Columns.Select((_, i) => "$c" + i))})";
        var parameters = AuditRow.Columns.Select((_, i) => command.Parameters.Add("$c" + i, SqliteType.Text)).ToArray();
        foreach (var call in calls)
        {
            var values = AuditRow.Values(call);
            for (var i = 0; i < values.Length; i++)
            {
                // The column's own affinity decides storage; the parameter's type must follow the value (REAL, INTEGER, TEXT).
                parameters[i].SqliteType = values[i] switch { double => SqliteType.Real, int or long => SqliteType.Integer, _ => SqliteType.Text };
                parameters[i].Value = values[i];
            }
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
        command.CommandText = $"SELECT {AuditRow.ColumnList} FROM calls"
            + (toolId is null ? "" : " WHERE tool_id = $tool COLLATE NOCASE") + " ORDER BY seq DESC LIMIT $limit";
        if (toolId is not null) command.Parameters.AddWithValue("$tool", toolId);
        command.Parameters.AddWithValue("$limit", limit);
        using var r = command.ExecuteReader();
        var result = new List<CallRecord>();
        while (r.Read()) result.Add(AuditRow.Read(r));
        return result;
    }
}
