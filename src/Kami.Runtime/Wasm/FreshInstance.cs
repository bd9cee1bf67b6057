using Kami.Core.Security;
using Kami.Runtime.Execution;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm;

/// <summary>
/// A new Store with one instance of a component in it, under one tool's policy (limits, WASI grants), that has
/// never served a call. It serves exactly one, then is disposed. It may be made ahead of its call, off the call
/// path, in which case it fits a later call only if component, policy and data directory are the same.
/// </summary>
internal sealed class FreshInstance : IDisposable
{
    private const long MaxTableElements = 1_000_000;

    private FreshInstance(LoadedComponent component, SecurityPolicy policy, string? dataDirectory, Store store, ConsoleCapture console, GuestBudget budget)
    {
        Component = component;
        Policy = policy;
        DataDirectory = dataDirectory;
        Store = store;
        Console = console;
        Budget = budget;
    }

    public LoadedComponent Component { get; }
    public SecurityPolicy Policy { get; }
    public string? DataDirectory { get; }
    public Store Store { get; }
    public ConsoleCapture Console { get; }
    public GuestBudget Budget { get; }
    public ComponentFunction? Run { get; private set; }

    public long MemoryLimitBytes => (long)Policy.MaxMemoryMb << 20;

    /// <summary>
    /// Only tools without file access are made ahead: a preopened directory is opened when the instance is made,
    /// and a tool's data directory removed and made again in between (uninstall, reinstall) would leave the
    /// instance writing into the old, deleted one.
    /// </summary>
    public static bool CanBeMadeAhead(ExecutionRequest request) => request.Policy.FsAccess == FsAccess.None;

    public bool Fits(LoadedComponent component, ExecutionRequest request) =>
        ReferenceEquals(Component, component) && Policy.Equals(request.Policy) && DataDirectory == request.DataDirectory;

    /// <summary>
    /// Makes the Store and instantiates the component in it. Start functions run here, under the policy's fuel and
    /// time; a trap throws <see cref="WasmtimeException"/> and the Store is disposed.
    /// </summary>
    public static FreshInstance Create(WasmEngine engine, LoadedComponent component, ExecutionRequest request, CancellationToken cancellation)
    {
        var policy = request.Policy;
        var console = new ConsoleCapture(engine.Options.MaxConsoleBytes);
        var budget = new GuestBudget();
        var store = new Store(engine.Engine);
        var fresh = new FreshInstance(component, policy, request.DataDirectory, store, console, budget);
        try
        {
            store.SetLimits(memorySize: fresh.MemoryLimitBytes, tableElements: (uint)MaxTableElements, instances: 1_000, tables: 1_000, memories: 100);
            store.Fuel = policy.MaxFuel;
            store.SetEpochDeadline(1);
            store.SetEpochDeadlineCallback(_ => budget.OnTick());
            store.SetWasiConfiguration(WasiSandbox.Build(request, console, engine.Options.EnvDenyList));
            budget.Start(TimeSpan.FromMilliseconds(policy.MaxExecutionMs), cancellation);
            var instance = engine.Linker.Instantiate(store, component.Component);
            fresh.Run = instance.GetFunction(ComponentLoader.ToolInterface, "run");
            return fresh;
        }
        catch
        {
            fresh.Dispose();
            throw;
        }
    }

    /// <summary>Resets fuel, the epoch deadline and the budget: the call gets all of its limits, whenever the instance was made.</summary>
    public void Start(CancellationToken cancellation)
    {
        Store.Fuel = Policy.MaxFuel;
        Store.SetEpochDeadline(1);
        Budget.Start(TimeSpan.FromMilliseconds(Policy.MaxExecutionMs), cancellation);
    }

    public ulong FuelUsed => Policy.MaxFuel - Store.Fuel;

    public void Dispose() => Store.Dispose();
}
