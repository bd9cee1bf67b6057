using Kami.Core.Tools;

namespace Kami.Core.Registry;

/// <summary>
/// The version each tool had before its last install or update (one is kept), and pins. An install that
/// replaces a tool keeps the replaced row here, so <c>kami rollback</c> can restore it with its approved policy.
/// </summary>
public interface IToolHistory
{
    /// <summary>Like <see cref="IToolRegistry.Upsert"/>, in the same transaction keeping the replaced row as the previous version.
    /// Returns what was replaced and the older previous version it pushed out (whose files may go).</summary>
    (InstalledTool? Replaced, InstalledTool? Evicted) UpsertKeepingPrevious(InstalledTool tool);

    /// <summary>The version kept from before the tool's last install or update, or null when there is none.</summary>
    InstalledTool? Previous(ToolId id);

    /// <summary>Swaps the tool with its previous version in one transaction; returns the restored tool, or null when there is none.</summary>
    InstalledTool? Rollback(ToolId id);

    /// <summary>Pins the tool at its version (null unpins); returns false when the tool is not installed.</summary>
    bool SetPinned(ToolId id, bool pinned);
}
