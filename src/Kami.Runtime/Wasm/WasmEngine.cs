using System.Runtime.InteropServices;
using Kami.Runtime.Caching;
using Kami.Runtime.Contracts;
using Kami.Runtime.Http;
using Kami.Runtime.Wasm.HostInterfaces;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm;

/// <summary>
/// The one Wasmtime engine of a process (component model, fuel, epochs) with its linker and epoch ticker.
/// Engine and linker are shared by all calls; every call gets its own Store.
/// </summary>
internal sealed class WasmEngine : IDisposable
{
    /// <summary>The version of the Wasmtime package KAMI runs on.</summary>
    public static string WasmtimeVersion =>
        typeof(Engine).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "unknown";

    private readonly Thread _ticker;
    private readonly CancellationTokenSource _stop = new();

    public WasmEngine(RuntimeOptions options)
    {
        Options = options;
        using var config = new Config()
            .WithComponentModel(true)
            .WithFuelConsumption(true)
            .WithEpochInterruption(true)
            .WithMaximumStackSize(options.MaxStackBytes);
        var pooled = options.PoolingAllocator && options.MaxConcurrency <= MaxPooledConcurrency;
        if (pooled && PoolingAllocatorSizing.WhyNot(options.MaxConcurrency) is { } reason)
        {
            AllocatorNotice = reason;
            pooled = false;
        }
        using var pool = pooled ? PoolingAllocatorSizing.Create(options.MaxConcurrency) : null;
        if (pool is not null) config.WithPoolingAllocationStrategy(pool);
        Engine = new Engine(config);
        Fingerprint = FingerprintOf(options);
        Compiler = new CachedCompiler(Engine, options.CompiledCacheDirectory is { } dir ? new CompiledCache(dir, options.CompiledCacheMaxBytes) : null, Fingerprint);
        Linker = new ComponentLinker(Engine);
        Http = new OutboundHttp(options.Http);
        HostInterfaceSet.DefineAll(Linker, new HostServices(Http, Options.MaxOutputBytes));

        _ticker = new Thread(Tick) { IsBackground = true, Name = "kami-epoch-ticker" };
        _ticker.Start();
    }

    private const int MaxPooledConcurrency = 64;

    public RuntimeOptions Options { get; }

    /// <summary>Set when the pooling allocator was asked for but could not be used, saying why (for the operator).</summary>
    public string? AllocatorNotice { get; }
    public Engine Engine { get; }

    /// <summary>
    /// Everything that decides what compiled code looks like: Wasmtime's version, the machine, and the settings above
    /// that change code (component model, fuel, epochs, stack size). Part of every compiled-cache key. The allocator is
    /// not: Wasmtime loads a component compiled under the pooling allocator into an on-demand engine (checked), so a
    /// server that falls back to on-demand shares what install compiled. Wasmtime still checks every artifact it loads.
    /// </summary>
    public string Fingerprint { get; }

    public CachedCompiler Compiler { get; }

    private static string FingerprintOf(RuntimeOptions options) =>
        $"wasmtime {WasmtimeVersion}; {RuntimeInformation.RuntimeIdentifier}; component-model fuel epochs; stack {options.MaxStackBytes}";
    public ComponentLinker Linker { get; }

    /// <summary>The one outbound HTTP client (connection pool) behind kami:http/outgoing.</summary>
    public OutboundHttp Http { get; }

    // One ticker advances the engine-wide epoch; each Store sets its own deadline against it.
    private void Tick()
    {
        var token = _stop.Token;
        while (!token.WaitHandle.WaitOne(Options.EpochTick)) Engine.IncrementEpoch();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _ticker.Join();
        Linker.Dispose();
        Http.Dispose();
        Engine.Dispose();
        _stop.Dispose();
    }
}
