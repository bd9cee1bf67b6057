using Kami.Core.Registry;
using Kami.Core.Tools;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Tools;

/// <summary>
/// The served tools, kept in step with the registry: every enabled tool appears under its MCP name; a tool
/// installed, replaced, removed, enabled or disabled elsewhere is added or removed here, and the SDK tells
/// connected clients with <c>notifications/tools/list_changed</c>.
/// </summary>
public sealed class ToolCatalog(IToolRegistry registry, ToolServices services, ToolNameStyle nameStyle)
{
    private readonly Lock _lock = new();

    public McpServerPrimitiveCollection<McpServerTool> Tools { get; } = new(StringComparer.Ordinal);

    public ToolNameStyle NameStyle { get; } = nameStyle;

    public long LastStamp { get; private set; } = -1;

    /// <summary>Syncs only when the registry's change counter moved since the last sync.</summary>
    public bool SyncIfChanged() => registry.ChangeStamp() != LastStamp && Sync();

    /// <summary>Brings the served tools in line with the registry; returns whether anything changed.</summary>
    public bool Sync()
    {
        lock (_lock)
        {
            LastStamp = registry.ChangeStamp();
            var wanted = registry.List(new ToolQuery(EnabledOnly: true))
                .ToDictionary(t => ToolNaming.NameOf(t.Id, NameStyle), StringComparer.Ordinal);
            var changed = false;
            using (Tools.DeferChangedEvents())
            {
                foreach (var served in Tools.ToArray().OfType<SandboxedTool>())
                {
                    if (wanted.TryGetValue(served.ProtocolTool.Name, out var tool) && Same(served.Installed, tool)) continue;
                    Tools.Remove(served);
                    changed = true;
                }
                foreach (var (name, tool) in wanted)
                {
                    if (Tools.TryGetPrimitive(name, out _)) continue;
                    Tools.Add(new SandboxedTool(tool, name, services));
                    changed = true;
                }
            }
            return changed;
        }
    }

    /// <summary>Explains a name that is not served: an installed but disabled tool, or no such tool.</summary>
    public string ExplainMissing(string name)
    {
        var idText = NameStyle == ToolNameStyle.Id ? name : ToolNaming.IdOf(name);
        if (ToolId.TryParse(idText, out var id, out _) && registry.Find(id) is { Enabled: false })
            return $"tool {name} is disabled; enable it with `kami enable {id}`";
        return $"unknown tool '{name}'; call tools/list to see the available tools";
    }

    private static bool Same(InstalledTool a, InstalledTool b) =>
        a.WasmSha256 == b.WasmSha256 && a.InstallPath == b.InstallPath && a.Manifest.Version == b.Manifest.Version
        && a.Manifest.Security.Equals(b.Manifest.Security) && a.Manifest.Description == b.Manifest.Description
        && a.Manifest.Arguments.SequenceEqual(b.Manifest.Arguments);
}
