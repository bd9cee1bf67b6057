using Kami.Core.Errors;
using Kami.Core.Hosting;
using Microsoft.Data.Sqlite;

namespace Kami.Registry.Sqlite;

/// <summary>
/// Opens connections to the registry file with the settings every process must share (WAL, a busy
/// timeout so a writer in another process makes us wait rather than fail) and runs pending migrations once.
/// Microsoft.Data.Sqlite's async methods are synchronous underneath, so this API is synchronous too.
/// </summary>
internal sealed class SqliteDatabase
{
    private const int BusyTimeoutMs = 10_000;
    private readonly string _connectionString;

    public SqliteDatabase(string file)
    {
        File = Path.GetFullPath(file);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = File,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(File)!);
        // SQLite creates -wal and -shm with the database file's mode, so a 0600 file keeps all three private.
        try
        {
            PrivateFiles.CreateFile(File);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A directory, a read-only place: SQLite's open below says what is wrong, with the file's name.
        }
        try
        {
            Migrate();
        }
        catch (SqliteException e)
        {
            // Not a database, read-only, corrupt: say which file, rather than surface a bare SQLite error.
            throw new KamiException(ErrorKind.RegistryUnavailable, $"cannot open the registry database {File}: {e.Message}", e);
        }
    }

    public string File { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new KamiException(ErrorKind.RegistryUnavailable, $"cannot open the registry database {File}: {e.Message}", e);
        }
    }

    public int SchemaVersion()
    {
        using var connection = Open();
        return Convert.ToInt32(Scalar(connection, "PRAGMA user_version"));
    }

    private void Migrate()
    {
        using var connection = Open();
        // WAL lets a server keep reading while another process installs; the mode is stored in the file.
        Execute(connection, "PRAGMA journal_mode = WAL;");
        var current = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"));
        if (current > Migrations.Latest) throw NewerThanKnown(current);
        if (current == Migrations.Latest) return;

        using var transaction = connection.BeginTransaction(deferred: false);
        // Re-read under the write lock: another process may have migrated meanwhile.
        current = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"));
        if (current > Migrations.Latest) throw NewerThanKnown(current);
        for (var step = current; step < Migrations.Latest; step++)
            Execute(connection, Migrations.Steps[step]);
        Execute(connection, $"PRAGMA user_version = {Migrations.Latest};");
        transaction.Commit();
    }

    private KamiException NewerThanKnown(int version) =>
        new(ErrorKind.RegistryUnavailable,
            $"the registry {File} has schema version {version}, newer than this KAMI understands ({Migrations.Latest}); upgrade KAMI");

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
