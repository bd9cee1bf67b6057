using Kami.Core.Identity;
using Kami.Core.Registry;
using Kami.Core.Tools;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Tools;

/// <summary>
/// The served tools, kept in step with the registry: every enabled tool appears under its MCP name; a tool
/// installed, replaced, removed, enabled or disabled elsewhere is added or removed here, and the SDK tells
/// connected clients with <c>notifications/tools/list_changed</c>. One bad row (a name another tool already has,
/// a schema that does not build) is logged and left out; it never keeps the rest from being applied.
/// </summary>
internal sealed class ToolCatalog(IToolRegistry registry, ToolServices services, ToolNameStyle nameStyle, ILogger logger)
{
    private readonly Lock _lock = new();

    public McpServerPrimitiveCollection<McpServerTool> Tools { get; } = new(StringComparer.Ordinal);

    public ToolNameStyle NameStyle { get; } = nameStyle;

    /// <summary>The served packages' prompts and resources, rebuilt with the tools; null serves none.</summary>
    public Packages.PackageContentCatalog? Content { get; init; }

    public long LastStamp { get; private set; } = -1;

    /// <summary>The registry's change notifications, when it has them (a fleet's PostgreSQL); null means poll only.</summary>
    public IRegistryChangeSignal? ChangeSignal => registry as IRegistryChangeSignal;

    /// <summary>Syncs only when the registry's change counter moved since the last sync.</summary>
    public bool SyncIfChanged() => registry.ChangeStamp() != LastStamp && Sync();

    /// <summary>Brings the served tools in line with the registry; returns whether anything changed. Never throws.</summary>
    public bool Sync()
    {
        lock (_lock)
        {
            long stamp;
            IReadOnlyList<InstalledTool> rows;
            try
            {
                stamp = registry.ChangeStamp();
                rows = registry.List(new ToolQuery(EnabledOnly: true));
            }
            catch (Exception e)
            {
                // The served list stays as it was; LastStamp is not moved, so the next poll tries again.
                ToolLog.RegistrySyncFailed(logger, e.Message);
                return false;
            }
            LastStamp = stamp;
            var wanted = Wanted(rows);
            var stale = Tools.ToArray().OfType<SandboxedTool>()
                .Where(served => !(wanted.TryGetValue(served.ProtocolTool.Name, out var tool) && Same(served.Installed, tool))).ToHashSet<McpServerTool>();
            // The new versions are made (schemas built) while the old ones still serve, so a replaced tool is missing
            // only between a Remove and the Add next to it; Find waits that out under the lock.
            var fresh = new List<SandboxedTool>();
            foreach (var (name, tool) in wanted)
            {
                if (Tools.TryGetPrimitive(name, out var served) && !stale.Contains(served)) continue;
                if (Create(tool, name) is { } created) fresh.Add(created);
            }
            if (stale.Count == 0 && fresh.Count == 0) return false;
            using (Tools.DeferChangedEvents())
            {
                foreach (var served in stale)
                {
                    Tools.Remove(served);
                    services.Executor.Forget(((SandboxedTool)served).Installed.Id.Value); // no instance made ahead outlives its package
                }
                foreach (var created in fresh) Tools.Add(created);
            }
            Content?.Rebuild(Tools.ToArray().OfType<SandboxedTool>().Select(t => t.Installed), NameStyle);
            return true;
        }
    }

    /// <summary>The tool served under <paramref name="name"/>, after any sync in progress has finished.</summary>
    public McpServerTool? Find(string name)
    {
        lock (_lock) return Tools.TryGetPrimitive(name, out var tool) ? tool : null;
    }

    // A name wanted by two rows goes to the one already served under it, else to the one installed first; the
    // other is logged. Install refuses such ids, so this only meets rows written by an older KAMI or by hand.
    private Dictionary<string, InstalledTool> Wanted(IReadOnlyList<InstalledTool> rows)
    {
        var wanted = new Dictionary<string, InstalledTool>(StringComparer.OrdinalIgnoreCase);
        foreach (var tool in rows.OrderByDescending(IsServed).ThenBy(t => t.InstalledAt).ThenBy(t => t.Id.Value, StringComparer.Ordinal))
        {
            var name = ToolNaming.NameOf(tool.Id, NameStyle);
            if (wanted.TryGetValue(name, out var holder))
                ToolLog.CatalogRowSkipped(logger, tool.Id.Value, $"its MCP name '{name}' is already the name of tool {holder.Id}; uninstall one of them");
            else
                wanted[name] = tool;
        }
        return wanted;
    }

    private bool IsServed(InstalledTool tool) =>
        Tools.TryGetPrimitive(ToolNaming.NameOf(tool.Id, NameStyle), out var served) && served is SandboxedTool s && s.Installed.Id == tool.Id;

    private SandboxedTool? Create(InstalledTool tool, string name)
    {
        try
        {
            return new SandboxedTool(tool, name, services);
        }
        catch (Exception e)
        {
            ToolLog.CatalogRowSkipped(logger, tool.Id.Value, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Explains a name that is not served: an installed but disabled tool, or no such tool. A disabled tool the caller
    /// may not use (<paramref name="access"/>) is unknown to it, so the answer never tells it that the tool exists.
    /// </summary>
    public string ExplainMissing(string name, ToolAccess? access = null)
    {
        var idText = NameStyle == ToolNameStyle.Id ? name : ToolNaming.IdOf(name);
        if (!ToolNaming.IsShortened(name) && ToolId.TryParse(idText, out var id, out _) && (access ?? ToolAccess.All).Allows(id.Value)
            && registry.Find(id) is { Enabled: false })
            return $"tool {name} is disabled; enable it with `kami enable {id}`";
        return UnknownText(name);
    }

    /// <summary>What a caller hears for a name it cannot use, whether or not a tool has it.</summary>
    public static string UnknownText(string name) => $"unknown tool '{name}'; call tools/list to see the available tools";

    /// <summary>Whether <paramref name="access"/> grants the tool served under <paramref name="name"/> (false for a name not served).</summary>
    public bool Allows(string name, ToolAccess access) => Find(name) is SandboxedTool tool && access.Allows(tool.Installed.Id.Value);

    private static bool Same(InstalledTool a, InstalledTool b) =>
        a.Id.Value == b.Id.Value && a.WasmSha256 == b.WasmSha256 && a.InstallPath == b.InstallPath && a.Manifest.Version == b.Manifest.Version
        && a.Manifest.Security.Equals(b.Manifest.Security) && a.Manifest.Description == b.Manifest.Description
        && a.Manifest.Arguments.SequenceEqual(b.Manifest.Arguments);
}
