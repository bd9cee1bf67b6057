using Kami.Core.Registry;
using Kami.Core.Registry.Storage;
using Kami.Core.Tools;
using Npgsql;

namespace Kami.Registry.Postgres;

/// <summary>
/// The registry of a fleet, in a PostgreSQL database every replica shares. Rows never hold a path of one machine:
/// the install directory is stored relative to the tools directory and resolved against this replica's own
/// (<see cref="ToolsDirectory"/>), and the component itself is stored in the database by its SHA-256 when the tool
/// is recorded, so a replica with an empty disk fetches it (<see cref="PostgresComponentStore"/>).
/// </summary>
public sealed partial class PostgresToolRegistry : IRegistryStore, IRegistryChangeSignal, IDisposable
{
    private static readonly string Columns = ToolRow.ColumnList;

    private readonly PostgresDatabase _database;

    /// <summary>The registry at <paramref name="uri"/>, migrated if needed; <paramref name="toolsDirectory"/> is where this replica keeps tool files.
    /// Throws <see cref="Kami.Core.Errors.KamiException"/> (RegistryUnavailable) with one actionable line when the database cannot be used.</summary>
    public PostgresToolRegistry(PostgresUri uri, string toolsDirectory)
    {
        ToolsDirectory = Path.GetFullPath(toolsDirectory);
        _database = new PostgresDatabase(uri);
    }

    /// <summary>This replica's tools directory, against which the stored relative install paths resolve.</summary>
    public string ToolsDirectory { get; }

    internal PostgresDatabase Database => _database;

    /// <inheritdoc/>
    public InstalledTool? Find(ToolId id) => _database.Read(connection => FindIn(connection, id));

    /// <inheritdoc/>
    public IReadOnlyList<InstalledTool> List(ToolQuery query) => _database.Read(connection =>
    {
        using var command = new NpgsqlCommand { Connection = connection };
        var where = new List<string>();
        if (query.EnabledOnly) where.Add("enabled");
        if (!string.IsNullOrEmpty(query.Filter))
        {
            where.Add("(id ILIKE @filter ESCAPE '\\' OR name ILIKE @filter ESCAPE '\\' OR description ILIKE @filter ESCAPE '\\')");
            command.Parameters.AddWithValue("filter", "%" + EscapeLike(query.Filter) + "%");
        }
        // "C" collation: the same byte order as SQLite's, so both adapters list in one order.
        command.CommandText = $"SELECT {Columns} FROM tools" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY lower(id) COLLATE \"C\", id COLLATE \"C\"";
        using var reader = command.ExecuteReader();
        var result = new List<InstalledTool>();
        while (reader.Read()) result.Add(ReadTool(reader));
        return (IReadOnlyList<InstalledTool>)result;
    });

    /// <inheritdoc/>
    public InstalledTool? Upsert(InstalledTool tool)
    {
        var bytes = ComponentBytes(tool);
        return _database.Write(connection =>
        {
            var previous = FindIn(connection, tool.Id);
            StoreComponent(connection, tool.WasmSha256, bytes);
            Delete(connection, "tools", tool.Id);
            Write(connection, "tools", tool);
            DropUnreferencedComponents(connection);
            BumpRevision(connection);
            return previous;
        });
    }

    /// <inheritdoc/>
    public bool SetEnabled(ToolId id, bool enabled) => SetFlag(id, "UPDATE tools SET enabled = @value WHERE lower(id) = lower(@id)", enabled);

    private bool SetFlag(ToolId id, string update, bool value) => _database.Write(connection =>
    {
        using var command = new NpgsqlCommand(update, connection);
        command.Parameters.AddWithValue("value", value);
        command.Parameters.AddWithValue("id", id.Value);
        var changed = command.ExecuteNonQuery() > 0;
        if (changed) BumpRevision(connection);
        return changed;
    });

    /// <inheritdoc/>
    public InstalledTool? Remove(ToolId id) => _database.Write(connection =>
    {
        var previous = FindIn(connection, id);
        if (previous is null) return null;
        Delete(connection, "tools", id);
        Delete(connection, "previous_tools", id);
        DropUnreferencedComponents(connection);
        BumpRevision(connection);
        return previous;
    });

    /// <inheritdoc/>
    public IReadOnlySet<string> ReferencedInstallPaths() => _database.Read(connection =>
    {
        using var command = new NpgsqlCommand("SELECT install_path FROM tools UNION SELECT install_path FROM previous_tools", connection);
        using var reader = command.ExecuteReader();
        var result = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) result.Add(Local(reader.GetString(0)));
        return (IReadOnlySet<string>)result;
    });

    /// <inheritdoc/>
    public long ChangeStamp() => _database.Read(connection =>
        Convert.ToInt64(PostgresDatabase.Scalar(connection, "SELECT value FROM meta WHERE key = 'tools_revision'"), System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc/>
    public RegistryInfo Describe() => _database.Read(connection =>
    {
        var total = Convert.ToInt32(PostgresDatabase.Scalar(connection, "SELECT count(*) FROM tools"), System.Globalization.CultureInfo.InvariantCulture);
        var enabled = Convert.ToInt32(PostgresDatabase.Scalar(connection, "SELECT count(*) FROM tools WHERE enabled"), System.Globalization.CultureInfo.InvariantCulture);
        var version = Convert.ToInt32(PostgresDatabase.Scalar(connection, "SELECT version FROM kami_schema"), System.Globalization.CultureInfo.InvariantCulture);
        return new RegistryInfo(_database.Uri.Display, version, total, enabled);
    });

    /// <summary>Completes at the next change any replica makes (LISTEN/NOTIFY on one connection of this process).</summary>
    public Task NextChange() => _database.Changes.NextChange();

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => _database.Dispose();

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
