using Kami.Core.Registry;
using Kami.Core.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>A registry held in a list, rows as a test writes them (even ones install would refuse).</summary>
internal sealed class FakeRegistry : IToolRegistry
{
    private readonly Lock _lock = new();
    private readonly List<InstalledTool> _rows = [];
    private long _stamp;

    public void Add(InstalledTool tool)
    {
        lock (_lock) { _rows.Add(tool); _stamp++; }
    }

    public InstalledTool? Find(ToolId id)
    {
        lock (_lock) return _rows.FirstOrDefault(t => t.Id == id);
    }

    /// <summary>Makes <see cref="List"/> throw, as a locked or corrupt database would.</summary>
    public bool FailLists { get; set; }

    public IReadOnlyList<InstalledTool> List(ToolQuery query)
    {
        if (FailLists) throw new InvalidOperationException("database is locked");
        lock (_lock) return [.. _rows.Where(t => !query.EnabledOnly || t.Enabled)];
    }

    public InstalledTool? Upsert(InstalledTool tool)
    {
        lock (_lock)
        {
            var old = Find(tool.Id);
            if (old is not null) _rows.Remove(old);
            _rows.Add(tool);
            _stamp++;
            return old;
        }
    }

    public bool SetEnabled(ToolId id, bool enabled)
    {
        lock (_lock)
        {
            var found = false;
            for (var i = 0; i < _rows.Count; i++)
            {
                if (_rows[i].Id != id) continue;
                _rows[i] = _rows[i] with { Enabled = enabled };
                found = true;
            }
            _stamp++;
            return found;
        }
    }

    public InstalledTool? Remove(ToolId id)
    {
        lock (_lock)
        {
            var old = Find(id);
            if (old is not null) _rows.RemoveAll(t => t.Id == id);
            _stamp++;
            return old;
        }
    }

    public IReadOnlySet<string> ReferencedInstallPaths()
    {
        lock (_lock) return _rows.Select(t => t.InstallPath).ToHashSet();
    }

    /// <summary>Makes <see cref="ChangeStamp"/> throw, as a database that cannot be reached would.</summary>
    public bool Unreachable { get; set; }

    public long ChangeStamp()
    {
        if (Unreachable) throw new InvalidOperationException("connection refused: db.internal.example:5432");
        lock (_lock) return _stamp;
    }

    public RegistryInfo Describe() => throw new NotSupportedException();
}
