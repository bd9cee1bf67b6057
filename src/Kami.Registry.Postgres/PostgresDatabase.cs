using Kami.Core.Errors;
using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>
/// The shared database: one <see cref="NpgsqlDataSource"/> (Npgsql pools connections and opens new ones after a
/// failure), migrations run once under an advisory lock so N replicas starting at once migrate exactly once, and
/// every write serialized by a transaction-scoped advisory lock (what SQLite's BEGIN IMMEDIATE gives the file).
/// </summary>
internal sealed class PostgresDatabase : IDisposable
{
    // Arbitrary, fixed keys: "KAMI" in ASCII, plus one for migrations and one for registry writes.
    private const long MigrationLock = 0x4B414D49_0001;
    private const long WriteLock = 0x4B414D49_0002;

    /// <summary>The channel every registry write notifies, so replicas can refresh without waiting for a poll.</summary>
    public const string ChangeChannel = "kami_tools";

    private readonly NpgsqlDataSource _source;

    public PostgresDatabase(PostgresUri uri)
    {
        Uri = uri;
        // The slim builder: only the basic types KAMI stores (text, bool, integers, double, bytea), so NativeAOT trims the rest.
        _source = new NpgsqlSlimDataSourceBuilder(uri.Settings.ConnectionString).Build();
        PostgresErrors.Guard(uri, Migrate);
        Changes = new PostgresChangeListener(_source);
    }

    /// <summary>Registry changes as they are notified (LISTEN), started on first use.</summary>
    public PostgresChangeListener Changes { get; }

    public PostgresUri Uri { get; }

    /// <summary>An open connection; failures become one line naming the server (never the password) and what to do.</summary>
    public NpgsqlConnection Open() => PostgresErrors.Guard(Uri, () => _source.OpenConnection());

    /// <summary>Runs <paramref name="work"/> in one transaction holding the registry's write lock, then commits.</summary>
    public T Write<T>(Func<NpgsqlConnection, T> work) => PostgresErrors.Guard(Uri, () =>
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({WriteLock})");
        var result = work(connection);
        transaction.Commit();
        return result;
    });

    /// <summary>Runs a read on a pooled connection, with the same error translation as writes.</summary>
    public T Read<T>(Func<NpgsqlConnection, T> work) => PostgresErrors.Guard(Uri, () =>
    {
        using var connection = _source.OpenConnection();
        return work(connection);
    });

    public int SchemaVersion() => Read(connection => Convert.ToInt32(Scalar(connection, "SELECT version FROM kami_schema"), System.Globalization.CultureInfo.InvariantCulture));

    private void Migrate()
    {
        using var connection = _source.OpenConnection();
        // Session lock, held while each step runs in its own transaction; the others wait here, then find nothing to do.
        Execute(connection, $"SELECT pg_advisory_lock({MigrationLock})");
        try
        {
            Execute(connection, "CREATE TABLE IF NOT EXISTS kami_schema (version integer NOT NULL)");
            var current = Scalar(connection, "SELECT version FROM kami_schema") is { } v ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
            if (current > PostgresMigrations.Latest)
                throw new KamiException(ErrorKind.RegistryUnavailable,
                    $"the registry {Uri.Display} has schema version {current}, newer than this KAMI understands ({PostgresMigrations.Latest}); upgrade KAMI on this machine");
            for (var step = current; step < PostgresMigrations.Latest; step++)
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, PostgresMigrations.Steps[step]);
                Execute(connection, step == 0 ? "DELETE FROM kami_schema; INSERT INTO kami_schema (version) VALUES (1)" : $"UPDATE kami_schema SET version = {step + 1}");
                transaction.Commit();
            }
        }
        finally
        {
            Execute(connection, $"SELECT pg_advisory_unlock({MigrationLock})");
        }
    }

    public static int Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        Changes.Dispose();
        _source.Dispose();
    }
}
