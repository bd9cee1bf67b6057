using Kami.Core.Registry;
using Kami.Core.Registry.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Kami.Registry.Postgres;

/// <summary>
/// The fleet's audit log: every replica writes its calls to one table, each stamped with its replica id, and each
/// replica's records form their own hash chain (named by the replica id). An append locks only its own chain's head
/// row, so replicas never wait for each other, while two processes that claim the same replica id take turns.
/// </summary>
public sealed class PostgresAuditLog : IAuditLog, IAuditChainSource
{
    private static readonly string Columns = AuditRow.ColumnList + ", replica_id";

    // Only one replica prunes at a time (a try-lock: the others skip pruning this batch rather than wait).
    private const long PruneLock = 0x4B414D49_0003;

    private readonly PostgresDatabase _database;
    private readonly string _replicaId;
    private readonly int _retainedCalls;

    /// <summary>The log in <paramref name="registry"/>'s database, written as <paramref name="replicaId"/>, keeping the newest <paramref name="retainedCalls"/> calls of the fleet.</summary>
    public PostgresAuditLog(PostgresToolRegistry registry, string replicaId, int retainedCalls = AuditRetention.DefaultRetainedCalls)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replicaId);
        _database = registry.Database;
        _replicaId = replicaId;
        _retainedCalls = Math.Max(1, retainedCalls);
    }

    /// <inheritdoc/>
    public void Record(CallRecord call) => RecordAll([call]);

    /// <summary>Writes several records in one transaction, chained after this replica's head: two round trips and a commit.</summary>
    public void RecordAll(IReadOnlyList<CallRecord> calls) => _database.Read(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var (sequence, previous) = LockHead(connection);
        using var batch = new NpgsqlBatch(connection);
        var placeholders = string.Join(", ", AuditRow.Columns.Select((_, i) => "@c" + i));
        foreach (var call in calls)
        {
            var values = AuditRow.Values(call);
            sequence++;
            var hash = AuditChain.Hash(_replicaId, sequence, previous, values);
            var insert = new NpgsqlBatchCommand($"INSERT INTO calls ({Columns}, chain_seq, prev_hash, hash) VALUES ({placeholders}, @replica, @seq, @prev, @hash)");
            for (var i = 0; i < values.Length; i++) insert.Parameters.AddWithValue("c" + i, values[i]);
            insert.Parameters.AddWithValue("replica", NpgsqlDbType.Text, _replicaId);
            insert.Parameters.AddWithValue("seq", sequence);
            insert.Parameters.AddWithValue("prev", previous);
            insert.Parameters.AddWithValue("hash", hash);
            batch.BatchCommands.Add(insert);
            previous = hash;
        }
        var head = new NpgsqlBatchCommand("UPDATE audit_heads SET seq = @seq, hash = @hash WHERE chain = @chain");
        head.Parameters.AddWithValue("seq", sequence);
        head.Parameters.AddWithValue("hash", previous);
        head.Parameters.AddWithValue("chain", _replicaId);
        batch.BatchCommands.Add(head);
        batch.BatchCommands.Add(Prune());
        batch.ExecuteNonQuery();
        transaction.Commit();
        return 0;
    });

    // Creates the chain's head on its first record, then locks it for this transaction: the append's only lock.
    private (long Sequence, string Hash) LockHead(NpgsqlConnection connection)
    {
        using var batch = new NpgsqlBatch(connection);
        var create = new NpgsqlBatchCommand("INSERT INTO audit_heads (chain, seq, hash) VALUES (@chain, 0, @genesis) ON CONFLICT (chain) DO NOTHING");
        create.Parameters.AddWithValue("chain", _replicaId);
        create.Parameters.AddWithValue("genesis", AuditChain.Genesis);
        var read = new NpgsqlBatchCommand("SELECT seq, hash FROM audit_heads WHERE chain = @chain FOR UPDATE");
        read.Parameters.AddWithValue("chain", _replicaId);
        batch.BatchCommands.Add(create);
        batch.BatchCommands.Add(read);
        // The INSERT returns no result set, so the reader starts on the SELECT's.
        using var r = batch.ExecuteReader();
        if (!r.Read()) throw new InvalidOperationException($"the audit chain head of {_replicaId} was not created");
        return (r.GetInt64(0), r.GetString(1));
    }

    // Keeps the fleet's newest calls; for every chain it cut, the newest removed record becomes that chain's anchor,
    // so the oldest remaining record still verifies. Only the replica holding the try-lock prunes, so pruned points
    // have one writer and no append waits for a prune.
    private NpgsqlBatchCommand Prune()
    {
        var prune = new NpgsqlBatchCommand(
            $"""
            WITH gate AS (SELECT pg_try_advisory_xact_lock({PruneLock}) AS got),
                 gone AS (DELETE FROM calls WHERE (SELECT got FROM gate) AND seq <= (SELECT max(seq) FROM calls) - @keep
                          RETURNING replica_id, chain_seq, hash)
            INSERT INTO audit_pruned (chain, seq, hash)
            SELECT DISTINCT ON (replica_id) replica_id, chain_seq, hash FROM gone WHERE hash IS NOT NULL ORDER BY replica_id, chain_seq DESC
            ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash WHERE audit_pruned.seq < excluded.seq
            """);
        prune.Parameters.AddWithValue("keep", (long)_retainedCalls);
        return prune;
    }

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

    /// <summary>Checks every replica's chain from one snapshot (a repeatable-read transaction), streaming the records.</summary>
    public IReadOnlyList<AuditChainVerdict> VerifyChains() => _database.Read(connection =>
    {
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var verifier = new AuditChainVerifier(Marks(connection, "audit_heads"), Marks(connection, "audit_pruned"));
        using var command = new NpgsqlCommand($"SELECT {Columns}, seq, chain_seq, prev_hash, hash FROM calls ORDER BY seq", connection);
        using (var r = command.ExecuteReader())
        {
            var n = AuditRow.Columns.Count;
            while (r.Read())
                verifier.Add(new AuditChainRow(r.GetInt64(n + 1), r.GetString(n), r.IsDBNull(n + 2) ? null : r.GetInt64(n + 2),
                    r.IsDBNull(n + 3) ? null : r.GetString(n + 3), r.IsDBNull(n + 4) ? null : r.GetString(n + 4), AuditRow.Stored(r)));
        }
        transaction.Commit();
        return verifier.Finish();
    });

    private static List<AuditChainMark> Marks(NpgsqlConnection connection, string table)
    {
        using var command = new NpgsqlCommand($"SELECT chain, seq, hash FROM {table}", connection);
        using var r = command.ExecuteReader();
        var marks = new List<AuditChainMark>();
        while (r.Read()) marks.Add(new AuditChainMark(r.GetString(0), r.GetInt64(1), r.GetString(2)));
        return marks;
    }
}
