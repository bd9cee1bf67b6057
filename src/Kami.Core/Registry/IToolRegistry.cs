using Kami.Core.Tools;

namespace Kami.Core.Registry;

/// <summary>
/// The registry port. Implementations must be safe for several processes at once (a server reading while
/// another shell installs) and make every write atomic.
/// </summary>
public interface IToolRegistry
{
    /// <summary>The installed tool with this id (ids compare ignoring case), or null when there is none.</summary>
    InstalledTool? Find(ToolId id);

    /// <summary>The installed tools matching <paramref name="query"/>, ordered by id.</summary>
    IReadOnlyList<InstalledTool> List(ToolQuery query);

    /// <summary>Adds or replaces the tool with the same id in one transaction; returns the record it replaced.</summary>
    InstalledTool? Upsert(InstalledTool tool);

    /// <summary>Returns false when no such tool is installed.</summary>
    bool SetEnabled(ToolId id, bool enabled);

    /// <summary>Removes the tool's record; returns what was removed, or null when it was not installed.</summary>
    InstalledTool? Remove(ToolId id);

    /// <summary>Every install path still referenced, so callers can sweep directories left by an interrupted install.</summary>
    IReadOnlySet<string> ReferencedInstallPaths();

    /// <summary>A number that changes whenever any process changes the tools; cheap enough to poll.</summary>
    long ChangeStamp();

    /// <summary>Where the registry is and how many tools it holds, for <c>kami status</c>.</summary>
    RegistryInfo Describe();
}
