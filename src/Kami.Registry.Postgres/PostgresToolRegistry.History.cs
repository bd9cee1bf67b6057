using Kami.Core.Registry;
using Kami.Core.Tools;

namespace Kami.Registry.Postgres;

/// <summary>The previous version of each tool (for rollback) and pins, as the SQLite adapter keeps them.</summary>
public sealed partial class PostgresToolRegistry : IToolHistory
{
    /// <inheritdoc/>
    public (InstalledTool? Replaced, InstalledTool? Evicted) UpsertKeepingPrevious(InstalledTool tool)
    {
        var bytes = ComponentBytes(tool);
        return _database.Write(connection =>
        {
            var replaced = FindIn(connection, tool.Id);
            var evicted = FindIn(connection, tool.Id, "previous_tools");
            StoreComponent(connection, tool.WasmSha256, bytes);
            if (replaced is not null)
            {
                Delete(connection, "previous_tools", tool.Id);
                Write(connection, "previous_tools", replaced);
            }
            Delete(connection, "tools", tool.Id);
            Write(connection, "tools", tool);
            DropUnreferencedComponents(connection);
            BumpRevision(connection);
            return (replaced, replaced is null ? null : evicted);
        });
    }

    /// <inheritdoc/>
    public InstalledTool? Previous(ToolId id) => _database.Read(connection => FindIn(connection, id, "previous_tools"));

    /// <inheritdoc/>
    public InstalledTool? Rollback(ToolId id) => _database.Write(connection =>
    {
        var current = FindIn(connection, id);
        var previous = FindIn(connection, id, "previous_tools");
        if (current is null || previous is null) return null;
        // The restored version keeps the operator's current switches; its manifest (what it was approved for) is its own.
        var restored = previous with { Enabled = current.Enabled, Pinned = current.Pinned };
        Delete(connection, "previous_tools", id);
        Delete(connection, "tools", id);
        Write(connection, "tools", restored);
        Write(connection, "previous_tools", current);
        BumpRevision(connection);
        return restored;
    });

    /// <inheritdoc/>
    public bool SetPinned(ToolId id, bool pinned) => SetFlag(id, "UPDATE tools SET pinned = @value WHERE lower(id) = lower(@id)", pinned);
}
