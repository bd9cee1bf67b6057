using Kami.Core.Registry;
using Kami.Core.Tools;

namespace Kami.Bench.Telemetry;

/// <summary>A read-only registry holding one tool.</summary>
internal sealed class OneToolRegistry(InstalledTool tool) : IToolRegistry
{
    public InstalledTool? Find(ToolId id) => id == tool.Id ? tool : null;
    public IReadOnlyList<InstalledTool> List(ToolQuery query) => [tool];
    public InstalledTool? Upsert(InstalledTool installed) => throw new NotSupportedException();
    public bool SetEnabled(ToolId id, bool enabled) => throw new NotSupportedException();
    public InstalledTool? Remove(ToolId id) => throw new NotSupportedException();
    public IReadOnlySet<string> ReferencedInstallPaths() => new HashSet<string>();
    public long ChangeStamp() => 1;
    public RegistryInfo Describe() => throw new NotSupportedException();
}
