using Kami.Core.Registry;

namespace Kami.Registry.Contract.Tests;

/// <summary>What every contract test starts from: a fresh registry of the adapter under test, and tool files to record.</summary>
public abstract class ContractTest<TAdapter> : IDisposable where TAdapter : RegistryAdapter, new()
{
    protected ContractTest()
    {
        Registry = Adapter.Open();
        Tools = new ToolFiles(Adapter.ToolsDirectory);
    }

    internal TAdapter Adapter { get; } = new();
    internal IRegistryStore Registry { get; }
    internal ToolFiles Tools { get; }

    public void Dispose()
    {
        Adapter.Dispose();
        GC.SuppressFinalize(this);
    }
}
