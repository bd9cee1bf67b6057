using Kami.Core.Registry;
using Kami.Core.Tools;
using Microsoft.Data.Sqlite;

namespace Kami.Registry.Sqlite;

/// <summary>One previous version per tool (<c>previous_tools</c>), swapped in and out inside one transaction.</summary>
public sealed partial class SqliteToolRegistry : IToolHistory
{
    /// <inheritdoc/>
    public (InstalledTool? Replaced, InstalledTool? Evicted) UpsertKeepingPrevious(InstalledTool tool)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var replaced = FindIn(connection, tool.Id);
        var evicted = FindIn(connection, tool.Id, "previous_tools");
        if (replaced is not null)
        {
            Delete(connection, "previous_tools", tool.Id);
            Write(connection, "previous_tools", replaced);
        }
        Write(connection, "tools", tool);
        BumpRevision(connection);
        transaction.Commit();
        return (replaced, replaced is null ? null : evicted);
    }

    /// <inheritdoc/>
    public InstalledTool? Previous(ToolId id)
    {
        using var connection = _database.Open();
        return FindIn(connection, id, "previous_tools");
    }

    /// <inheritdoc/>
    public InstalledTool? Rollback(ToolId id)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = FindIn(connection, id);
        var previous = FindIn(connection, id, "previous_tools");
        if (current is null || previous is null) return null;
        // The restored version keeps the operator's current switches; its manifest (what it was approved for) is its own.
        var restored = previous with { Enabled = current.Enabled, Pinned = current.Pinned };
        Delete(connection, "previous_tools", id);
        Write(connection, "tools", restored);
        Write(connection, "previous_tools", current);
        BumpRevision(connection);
        transaction.Commit();
        return restored;
    }

    /// <inheritdoc/>
    public bool SetPinned(ToolId id, bool pinned) => SetFlag(id, "UPDATE tools SET pinned = $value WHERE id = $id", pinned);

    private static void Delete(SqliteConnection connection, string table, ToolId id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {table} WHERE id = $id";
        command.Parameters.AddWithValue("$id", id.Value);
        command.ExecuteNonQuery();
    }
}
