using System.Diagnostics;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Bench.Runtime;

/// <summary>
/// One warm call of the C echo tool: KAMI's <see cref="ToolRuntime.ExecuteAsync"/> (scheduler hop to a KAMI
/// worker, cached-component lookup (a file stat at most once a second), sandboxed store, result mapping) against the same component
/// run on a raw Wasmtime engine configured like KAMI's WasmEngine, with a fresh store per call like GuestInvoker.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class EchoBenchmarks
{
    private const string ToolId = "dev.kami.echo";
    private const string Input = """{"text":"hello"}""";
    private const string Expected = """{"echo":"hello"}""";
    private const string ToolInterface = "kami:tool/tool@0.1.0";
    private const string HostInterface = "kami:tool/host@0.1.0";
    private const long MaxTableElements = 1_000_000;

    /// <summary>Both sides with or without Wasmtime's pooling allocator (KAMI's default is on).</summary>
    [Params(false, true)]
    public bool Pooling { get; set; } = true;

    private ToolRuntime _runtime = null!;
    private ExecutionRequest _request = null!;

    internal ToolRuntime Runtime => _runtime;
    internal ExecutionRequest Request => _request;

    private Engine _engine = null!;
    private ComponentLinker _linker = null!;
    private Component _component = null!;
    private long _memoryLimit;
    private ulong _fuel;

    [GlobalSetup]
    public void Setup()
    {
        var wasm = RepoPaths.EchoWasm;
        var bytes = File.ReadAllBytes(wasm);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var options = RuntimeOptions.Default with { PoolingAllocator = Pooling };
        var policy = SecurityPolicy.DenyAll;

        // KAMI: warm it up once so the component is compiled and cached (the benchmark measures warm calls).
        _runtime = new ToolRuntime(options);
        _request = new ExecutionRequest(ToolId, wasm, policy, Input) { ExpectedSha256 = sha };

        // Raw Wasmtime, configured like src/Kami.Runtime/Wasm/WasmEngine.cs.
        using (var config = new Config()
                   .WithComponentModel(true)
                   .WithFuelConsumption(true)
                   .WithEpochInterruption(true)
                   .WithMaximumStackSize(options.MaxStackBytes))
        {
            using var pool = Pooling ? Kami.Runtime.Wasm.PoolingAllocatorSizing.Create(options.MaxConcurrency) : null;
            if (pool is not null) config.WithPoolingAllocationStrategy(pool);
            _engine = new Engine(config);
        }
        _linker = new ComponentLinker(_engine);
        _linker.AddWasiPreview2();
        using (var root = _linker.Root())
        using (var host = root.AddInstance(HostInterface))
        {
            host.DefineFunction("log", (args, results) => { });
        }
        _component = Component.FromBytes(_engine, bytes);
        _memoryLimit = (long)policy.MaxMemoryMb << 20;
        _fuel = policy.MaxFuel;

        Check("Kami_ExecuteAsync", Kami_ExecuteAsync().GetAwaiter().GetResult());
        Check("Kami_Synchronous", Kami_Synchronous());
        Check("Raw_StoreInstantiateCall", Raw_StoreInstantiateCall());
    }

    private static void Check(string name, string? output)
    {
        if (output != Expected) throw new InvalidOperationException($"{name} returned {output ?? "<null>"}, expected {Expected}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _component.Dispose();
        _linker.Dispose();
        _engine.Dispose();
    }

    /// <summary>Fresh store + instantiate + call, with the same limits, fuel, epoch deadline and WASI setup as GuestInvoker.</summary>
    [Benchmark(Baseline = true)]
    public string? Raw_StoreInstantiateCall()
    {
        var started = Stopwatch.GetTimestamp();
        using var store = new Store(_engine);
        store.SetLimits(memorySize: _memoryLimit, tableElements: (uint)MaxTableElements, instances: 1_000, tables: 1_000, memories: 100);
        store.Fuel = _fuel;
        // No ticker advances this engine's epoch, so the callback never fires; it is registered to match the store setup cost.
        store.SetEpochDeadline(1);
        store.SetEpochDeadlineCallback(_ => Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(30) ? throw new TimeoutException() : 1UL);
        store.SetWasiConfiguration(new WasiConfiguration());
        var instance = _linker.Instantiate(store, _component);
        var run = instance.GetFunction(ToolInterface, "run") ?? throw new InvalidOperationException("no run export");
        var value = run.Call(ComponentValue.String(Input)) ?? throw new InvalidOperationException("run returned nothing");
        return value.IsOk ? value.Payload?.AsString() : null;
    }

    /// <summary>
    /// The public API as an MCP handler uses it. BenchmarkDotNet waits for the task on the benchmark thread, so this
    /// pays caller → KAMI worker → thread pool (ExecuteAsync's continuation) → caller.
    /// </summary>
    [Benchmark]
    public async Task<string?> Kami_ExecuteAsync()
    {
        var result = await _runtime.ExecuteAsync(_request);
        return (result as ExecutionResult.Succeeded)?.Output;
    }

    /// <summary>Same call, blocking on the task (what a synchronous caller can do with the public API; there is no sync overload).</summary>
    [Benchmark]
    public string? Kami_Synchronous()
    {
        var result = _runtime.ExecuteAsync(_request).GetAwaiter().GetResult();
        return (result as ExecutionResult.Succeeded)?.Output;
    }
}
