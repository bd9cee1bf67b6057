using System.Globalization;
using Kami.Core.Registry;
using Kami.Core.Registry.Storage;
using Kami.Core.Tools;
using Microsoft.Data.Sqlite;

namespace Kami.Registry.Sqlite;

/// <summary>The registry on a SQLite file. Every write is one IMMEDIATE transaction that also bumps the revision.</summary>
public sealed partial class SqliteToolRegistry : IRegistryStore
{
    private static readonly string Columns = ToolRow.ColumnList;

    private readonly SqliteDatabase _database;

    /// <summary>The registry in <paramref name="databaseFile"/>, created (0600, with its directory) if missing; throws <see cref="Kami.Core.Errors.KamiException"/> (<see cref="Kami.Core.Errors.ErrorKind.RegistryUnavailable"/>) when it cannot be opened.</summary>
    public SqliteToolRegistry(string databaseFile) => _database = new SqliteDatabase(databaseFile);

    internal SqliteDatabase Database => _database;

    /// <summary>The installed tool with this id, or null.</summary>
    public InstalledTool? Find(ToolId id)
    {
        using var connection = _database.Open();
        return FindIn(connection, id);
    }

    /// <summary>The tools matching <paramref name="query"/>, ordered by id.</summary>
    public IReadOnlyList<InstalledTool> List(ToolQuery query)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.EnabledOnly) where.Add("enabled = 1");
        if (!string.IsNullOrEmpty(query.Filter))
        {
            where.Add("(id LIKE $filter ESCAPE '\\' OR name LIKE $filter ESCAPE '\\' OR description LIKE $filter ESCAPE '\\')");
            command.Parameters.AddWithValue("$filter", "%" + EscapeLike(query.Filter) + "%");
        }
        command.CommandText = $"SELECT {Columns} FROM tools" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY id";
        using var reader = command.ExecuteReader();
        var result = new List<InstalledTool>();
        while (reader.Read()) result.Add(ReadTool(reader));
        return result;
    }

    /// <summary>Adds or replaces the tool with the same id; returns the record it replaced, or null for a new tool.</summary>
    public InstalledTool? Upsert(InstalledTool tool)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var previous = FindIn(connection, tool.Id);
        Write(connection, "tools", tool);
        BumpRevision(connection);
        transaction.Commit();
        return previous;
    }

    private static void Write(SqliteConnection connection, string table, InstalledTool tool)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO {table} ({Columns}) VALUES ({string.Join(", ", ToolRow.Columns.Select(c => "$" + c))})
            ON CONFLICT(id) DO UPDATE SET {string.Join(", ", ToolRow.Columns.Select(c => $"{c} = excluded.{c}"))}
            """;
        var values = ToolRow.Values(tool, tool.InstallPath);
        for (var i = 0; i < values.Length; i++)
            command.Parameters.AddWithValue("$" + ToolRow.Columns[i], values[i] is bool flag ? (flag ? 1 : 0) : values[i]);
        command.ExecuteNonQuery();
    }

    /// <summary>Enables or disables the tool; false when no such tool is installed.</summary>
    public bool SetEnabled(ToolId id, bool enabled) => SetFlag(id, "UPDATE tools SET enabled = $value WHERE id = $id", enabled);

    // One boolean column of one tool, in its own transaction; the revision moves only when a row changed.
    private bool SetFlag(ToolId id, string update, bool value)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.CommandText = update;
        command.Parameters.AddWithValue("$value", value ? 1 : 0);
        command.Parameters.AddWithValue("$id", id.Value);
        var changed = command.ExecuteNonQuery() > 0;
        if (changed) BumpRevision(connection);
        transaction.Commit();
        return changed;
    }

    /// <summary>Deletes the tool's record; returns it, or null when it was not installed. Its files are the caller's to remove.</summary>
    public InstalledTool? Remove(ToolId id)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var previous = FindIn(connection, id);
        if (previous is null) return null;
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM tools WHERE id = $id; DELETE FROM previous_tools WHERE id = $id";
        command.Parameters.AddWithValue("$id", id.Value);
        command.ExecuteNonQuery();
        BumpRevision(connection);
        transaction.Commit();
        return previous;
    }

    /// <summary>The install directory of every recorded tool, so a sweep keeps exactly these.</summary>
    public IReadOnlySet<string> ReferencedInstallPaths()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT install_path FROM tools UNION SELECT install_path FROM previous_tools";
        using var reader = command.ExecuteReader();
        var result = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) result.Add(reader.GetString(0));
        return result;
    }

    /// <summary>The registry's revision, bumped by every write from any process.</summary>
    public long ChangeStamp()
    {
        using var connection = _database.Open();
        return Convert.ToInt64(SqliteDatabase.Scalar(connection, "SELECT value FROM meta WHERE key = 'tools_revision'"));
    }

    /// <summary>The database file, its schema version (<c>user_version</c>) and the tool counts.</summary>
    public RegistryInfo Describe()
    {
        using var connection = _database.Open();
        var total = Convert.ToInt32(SqliteDatabase.Scalar(connection, "SELECT count(*) FROM tools"));
        var enabled = Convert.ToInt32(SqliteDatabase.Scalar(connection, "SELECT count(*) FROM tools WHERE enabled = 1"));
        var version = Convert.ToInt32(SqliteDatabase.Scalar(connection, "PRAGMA user_version"));
        return new RegistryInfo(_database.File, version, total, enabled);
    }

    private static InstalledTool? FindIn(SqliteConnection connection, ToolId id, string table = "tools")
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {table} WHERE id = $id";
        command.Parameters.AddWithValue("$id", id.Value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadTool(reader) : null;
    }

    private static void BumpRevision(SqliteConnection connection) =>
        SqliteDatabase.Execute(connection, "UPDATE meta SET value = value + 1 WHERE key = 'tools_revision'");

    private static InstalledTool ReadTool(SqliteDataReader r) => ToolRow.Read(r, path => path);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
