using System.Globalization;
using Kami.Core.Registry;
using Kami.Core.Registry.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kami.Registry.Postgres;

/// <summary>The fleet's audit log: every replica writes its calls to one table, each stamped with its replica id.</summary>
public sealed class PostgresAuditLog : IAuditLog
{
    private const string Columns = "tool_id, started_at, duration_ms, outcome, fuel_used, error, arguments, transport, http_requests, http_bytes_sent, http_bytes_received, http, replica_id";

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
        using var command = new NpgsqlCommand($"INSERT INTO calls ({Columns}) VALUES (@tool, @started, @duration, @outcome, @fuel, @error, @arguments, @transport, @requests, @sent, @received, @http, @replica)", connection);
        var tool = command.Parameters.Add("tool", NpgsqlDbType.Text);
        var started = command.Parameters.Add("started", NpgsqlDbType.Text);
        var duration = command.Parameters.Add("duration", NpgsqlDbType.Double);
        var outcome = command.Parameters.Add("outcome", NpgsqlDbType.Text);
        var fuel = command.Parameters.Add("fuel", NpgsqlDbType.Bigint);
        var error = command.Parameters.Add("error", NpgsqlDbType.Text);
        var arguments = command.Parameters.Add("arguments", NpgsqlDbType.Text);
        var transport = command.Parameters.Add("transport", NpgsqlDbType.Text);
        var requests = command.Parameters.Add("requests", NpgsqlDbType.Integer);
        var sent = command.Parameters.Add("sent", NpgsqlDbType.Bigint);
        var received = command.Parameters.Add("received", NpgsqlDbType.Bigint);
        var http = command.Parameters.Add("http", NpgsqlDbType.Text);
        command.Parameters.AddWithValue("replica", NpgsqlDbType.Text, _replicaId);
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
            http.Value = (object?)AuditHttpJson.Write(call.Http) ?? DBNull.Value;
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
        while (r.Read())
        {
            result.Add(new CallRecord(r.GetString(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture), r.GetDouble(2),
                r.GetString(3), (ulong)r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7))
            {
                Http = AuditHttpJson.Read(r.GetInt32(8), r.GetInt64(9), r.GetInt64(10), r.IsDBNull(11) ? null : r.GetString(11)),
                ReplicaId = r.GetString(12),
            });
        }
        return (IReadOnlyList<CallRecord>)result;
    });
}
