using System.Diagnostics;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm;

/// <summary>
/// A new Store with one instance of a component in it, under one tool's policy (limits, WASI grants), that has
/// never served a call. It serves exactly one, then is disposed. It may be made ahead of its call, off the call
/// path (<see cref="ReadyInstanceStock"/>), in which case it serves a later call only if component, policy and data
/// directory are the same. The fuel
/// and time its start functions used are billed to the call it serves.
/// </summary>
internal sealed class FreshInstance : IDisposable
{
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

    /// <summary>Fuel and time the component's start functions used while it was instantiated.</summary>
    private ulong _startFuel;
    private TimeSpan _startTime;

    /// <summary>
    /// Only tools without file access are made ahead: a preopened directory is opened when the instance is made,
    /// and a tool's data directory removed and made again in between (uninstall, reinstall) would leave the
    /// instance writing into the old, deleted one.
    /// </summary>
    public static bool CanBeMadeAhead(ExecutionRequest request) => request.Policy.FsAccess == FsAccess.None;

    /// <summary>
    /// Makes the Store and instantiates the component in it. Start functions run here, under the policy's fuel and
    /// time; a trap throws <see cref="WasmtimeException"/> and the Store is disposed. A memory layout that cannot fit
    /// the policy's memory limit throws <see cref="GuestStoppedException"/> with the limit error.
    /// </summary>
    public static FreshInstance Create(WasmEngine engine, LoadedComponent component, ExecutionRequest request, CancellationToken cancellation)
    {
        var policy = request.Policy;
        var plan = MemoryPlan.For(component.Shape, policy);
        if (plan.Refusal is { } layout) throw new GuestStoppedException(GuestErrors.MemoryLayout(request.ToolId, policy, layout));
        var console = new ConsoleCapture(engine.Options.MaxConsoleBytes);
        var budget = new GuestBudget();
        var store = new Store(engine.Engine);
        var fresh = new FreshInstance(component, policy, request.DataDirectory, store, console, budget);
        using var scope = new CallContext(request.ToolId, sink: null, maxLogLines: 0).Enter(); // start functions log nowhere
        try
        {
            store.SetLimits(memorySize: plan.MemoryBytes, tableElements: plan.TableElements, instances: 1_000, tables: plan.Tables, memories: plan.Memories);
            store.Fuel = policy.MaxFuel;
            store.SetEpochDeadline(1);
            store.SetEpochDeadlineCallback(_ => budget.OnTick());
            store.SetWasiConfiguration(WasiSandbox.Build(request, console, engine.Options.EnvDenyList));
            var started = Stopwatch.GetTimestamp();
            budget.Start(request.ToolId, policy, TimeSpan.Zero, cancellation);
            var instance = engine.Linker.Instantiate(store, component.Component);
            fresh._startTime = Stopwatch.GetElapsedTime(started);
            fresh._startFuel = policy.MaxFuel - store.Fuel;
            fresh.Run = instance.GetFunction(ComponentLoader.ToolInterface, "run");
            return fresh;
        }
        catch
        {
            fresh.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Resets fuel, the epoch deadline and the budget for the call, less what the start functions used: the call gets
    /// its limits once, whenever the instance was made.
    /// </summary>
    public void Start(string toolId, CancellationToken cancellation)
    {
        Store.Fuel = Policy.MaxFuel - Math.Min(_startFuel, Policy.MaxFuel);
        Store.SetEpochDeadline(1);
        Budget.Start(toolId, Policy, _startTime, cancellation);
    }

    public ulong FuelUsed => Policy.MaxFuel - Store.Fuel;

    public void Dispose() => Store.Dispose();
}
