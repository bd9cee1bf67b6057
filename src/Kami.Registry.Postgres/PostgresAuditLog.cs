using Kami.Core.Registry;
using Kami.Core.Registry.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kami.Registry.Postgres;

/// <summary>The fleet's audit log: every replica writes its calls to one table, each stamped with its replica id.</summary>
public sealed class PostgresAuditLog : IAuditLog
{
    private static readonly string Columns = AuditRow.ColumnList + ", replica_id";

    private readonly PostgresDatabase _database;
    private readonly string _replicaId;
    private readonly int _retainedCalls;

    /// <summary>The log in <paramref name="registry"/>'s database, written as <paramref name="replicaId"/>, keeping the newest <paramref name="retainedCalls"/> calls of the fleet.</summary>
    public PostgresAuditLog(PostgresToolRegistry registry, string replicaId, int retainedCalls = AuditRetention.DefaultRetainedCalls)
    {
        _database = registry.Database;
        _replicaId = replicaId;
        _retainedCalls = Math.Max(1, retainedCalls);
    }

    /// <inheritdoc/>
    public void Record(CallRecord call) => RecordAll([call]);

    /// <summary>Writes several records in one transaction.</summary>
    public void RecordAll(IReadOnlyList<CallRecord> calls) => _database.Read(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var placeholders = string.Join(", ", AuditRow.Columns.Select((_, i) => "@c" + i));
        using var command = new NpgsqlCommand($"INSERT INTO calls ({Columns}) VALUES ({placeholders}, @replica)", connection);
        foreach (var call in calls)
        {
            var values = AuditRow.Values(call);
            command.Parameters.Clear();
            command.Parameters.AddWithValue("replica", NpgsqlDbType.Text, _replicaId);
            for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue("c" + i, values[i]);
            command.ExecuteNonQuery();
        }
        using (var prune = new NpgsqlCommand("DELETE FROM calls WHERE seq <= (SELECT max(seq) FROM calls) - @keep", connection))
        {
            prune.Parameters.AddWithValue("keep", (long)_retainedCalls);
            prune.ExecuteNonQuery();
        }
        transaction.Commit();
        return 0;
    });

    /// <inheritdoc/>
    public IReadOnlyList<CallRecord> Recent(int limit, string? toolId = null) => _database.Read(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT {Columns} FROM calls" + (toolId is null ? "" : " WHERE lower(tool_id) = lower(@tool)") + " ORDER BY seq DESC LIMIT @limit", connection);
        if (toolId is not null) command.Parameters.AddWithValue("tool", toolId);
        command.Parameters.AddWithValue("limit", (long)limit);
        using var r = command.ExecuteReader();
        var result = new List<CallRecord>();
        while (r.Read()) result.Add(AuditRow.Read(r) with { ReplicaId = r.GetString(AuditRow.Columns.Count) });
        return (IReadOnlyList<CallRecord>)result;
    });
}
