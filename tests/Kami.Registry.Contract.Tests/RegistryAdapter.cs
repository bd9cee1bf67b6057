using Kami.Core.Registry;

namespace Kami.Registry.Contract.Tests;

/// <summary>One adapter under test: a fresh, empty registry per test, and what it reports about itself.</summary>
public abstract class RegistryAdapter : IDisposable
{
    private readonly Kami.TestCommon.TempDirectory _temp = new();

    /// <summary>The tools directory of this test's (first) machine.</summary>
    public string ToolsDirectory => _temp.Combine("tools");

    /// <summary>A scratch directory of this test.</summary>
    public string Scratch(string name) => _temp.Combine(name);

    /// <summary>Another handle on the same registry, as another process would open it.</summary>
    public abstract IRegistryStore Open();

    /// <summary>The audit log of this registry, keeping <paramref name="retainedCalls"/>.</summary>
    public abstract IAuditLog AuditLog(IRegistryStore registry, int retainedCalls = AuditRetention.DefaultRetainedCalls);

    /// <summary>Runs SQL straight against the database, as someone with write access to it (not through KAMI) would.</summary>
    public abstract int Tamper(string sql);

    /// <summary>What <see cref="IToolRegistry.Describe"/> should say for location and schema version.</summary>
    public abstract (string Location, int Schema) Expected { get; }

    public virtual void Dispose() => _temp.Dispose();
}
