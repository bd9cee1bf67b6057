using Kami.Core.Registry;
using Kami.Core.Registry.Storage;
using Microsoft.Data.Sqlite;

namespace Kami.Registry.Sqlite;

/// <summary>
/// The call audit log, in the registry database beside the tools it describes: one hash chain
/// (<see cref="AuditChain.LocalChain"/>), appended under SQLite's single writer lock, so processes sharing the file
/// (several stdio servers) extend it in turn.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IAuditChainSource
{
    private const string Chain = AuditChain.LocalChain;
    private readonly SqliteDatabase _database;

    /// <summary>How many recent calls the audit log keeps by default.</summary>
    public const int DefaultRetainedCalls = AuditRetention.DefaultRetainedCalls;

    private readonly int _retainedCalls;
    private readonly int _pruneEvery;

    /// <summary>
    /// The log in <paramref name="registry"/>'s database, keeping the newest <paramref name="retainedCalls"/> calls (at
    /// least one), and at most 1% more between prunes.
    /// </summary>
    public SqliteAuditLog(SqliteToolRegistry registry, int retainedCalls = DefaultRetainedCalls)
    {
        _database = registry.Database;
        _retainedCalls = Math.Max(1, retainedCalls);
        // A prune deletes the oldest rows and moves the pruned point: pages at the far end of the table that a commit
        // would otherwise write to the WAL on every call. Once every 1% of the retention, it deletes that many at once.
        _pruneEvery = Math.Max(1, _retainedCalls / 100);
    }

    /// <summary>A commit is a WAL append to the registry file: a caller may make it itself.</summary>
    public bool CommitsLocally => true;

    /// <summary>Records one call in its own transaction; prefer <see cref="RecordAll"/> for several.</summary>
    public void Record(CallRecord call) => RecordAll([call]);

    /// <summary>Writes several records in one transaction (one commit instead of one per call), chained after the head.</summary>
    public void RecordAll(IReadOnlyList<CallRecord> calls)
    {
        using var connection = _database.Open();
        // BEGIN IMMEDIATE: the write lock first, so the head read below is the one this append extends.
        using var transaction = connection.BeginTransaction(deferred: false);
        var (sequence, previous) = Head(connection);
        var first = sequence;
        using var command = connection.CreateCommand();
        var placeholders = string.Join(", ", AuditRow.Columns.Select((_, i) => "$c" + i));
        command.CommandText = $"INSERT INTO calls ({AuditRow.ColumnList}, chain_seq, prev_hash, hash) VALUES ({placeholders}, $seq, $prev, $hash)";
        var parameters = AuditRow.Columns.Select((_, i) => command.Parameters.Add("$c" + i, SqliteType.Text)).ToArray();
        var seq = command.Parameters.Add("$seq", SqliteType.Integer);
        var prev = command.Parameters.Add("$prev", SqliteType.Text);
        var hash = command.Parameters.Add("$hash", SqliteType.Text);
        foreach (var call in calls)
        {
            var values = AuditRow.Values(call);
            for (var i = 0; i < values.Length; i++)
            {
                // The column's own affinity decides storage; the parameter's type must follow the value (REAL, INTEGER, TEXT).
                parameters[i].SqliteType = values[i] switch { double => SqliteType.Real, int or long => SqliteType.Integer, _ => SqliteType.Text };
                parameters[i].Value = values[i];
            }
            sequence++;
            var own = AuditChain.Hash(Chain, sequence, previous, values);
            (seq.Value, prev.Value, hash.Value) = (sequence, previous, own);
            command.ExecuteNonQuery();
            previous = own;
        }
        Execute(connection, "INSERT INTO audit_heads (chain, seq, hash) VALUES ($chain, $seq, $hash) ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            ("$chain", Chain), ("$seq", sequence), ("$hash", previous));
        if (first / _pruneEvery != sequence / _pruneEvery) Prune(connection);
        transaction.Commit();
    }

    // Keep the most recent calls only, so a busy server's registry does not grow without bound; the newest removed
    // record becomes the chain's anchor, so the oldest remaining one still verifies.
    private void Prune(SqliteConnection connection)
    {
        using var last = connection.CreateCommand();
        last.CommandText = "SELECT chain_seq, hash FROM calls WHERE seq <= (SELECT max(seq) FROM calls) - $keep AND hash IS NOT NULL ORDER BY seq DESC LIMIT 1";
        last.Parameters.AddWithValue("$keep", _retainedCalls);
        using (var r = last.ExecuteReader())
        {
            if (r.Read())
                Execute(connection, "INSERT INTO audit_pruned (chain, seq, hash) VALUES ($chain, $seq, $hash) ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                    ("$chain", Chain), ("$seq", r.GetInt64(0)), ("$hash", r.GetString(1)));
        }
        Execute(connection, "DELETE FROM calls WHERE seq <= (SELECT max(seq) FROM calls) - $keep", ("$keep", _retainedCalls));
    }

    private static (long Sequence, string Hash) Head(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, hash FROM audit_heads WHERE chain = $chain";
        command.Parameters.AddWithValue("$chain", Chain);
        using var r = command.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetString(1)) : (0, AuditChain.Genesis);
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

    /// <summary>Checks the chain, reading heads, pruned point and records in one read transaction (one snapshot of the WAL).</summary>
    public IReadOnlyList<AuditChainVerdict> VerifyChains()
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var verifier = new AuditChainVerifier(Marks(connection, "audit_heads"), Marks(connection, "audit_pruned"));
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditRow.ColumnList}, seq, chain_seq, prev_hash, hash FROM calls ORDER BY seq";
        using var r = command.ExecuteReader();
        var n = AuditRow.Columns.Count;
        while (r.Read())
            verifier.Add(new AuditChainRow(r.GetInt64(n), Chain, r.IsDBNull(n + 1) ? null : r.GetInt64(n + 1),
                r.IsDBNull(n + 2) ? null : r.GetString(n + 2), r.IsDBNull(n + 3) ? null : r.GetString(n + 3), AuditRow.Stored(r)));
        return verifier.Finish();
    }

    private static List<AuditChainMark> Marks(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT chain, seq, hash FROM {table}";
        using var r = command.ExecuteReader();
        var marks = new List<AuditChainMark>();
        while (r.Read()) marks.Add(new AuditChainMark(r.GetString(0), r.GetInt64(1), r.GetString(2)));
        return marks;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
