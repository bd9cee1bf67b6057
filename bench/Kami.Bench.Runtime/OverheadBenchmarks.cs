using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Bench.Runtime;

/// <summary>
/// Pieces of KAMI's per-call overhead, measured on their own with public API only, to explain the gap between
/// <see cref="EchoBenchmarks.Kami_ExecuteAsync"/> and <see cref="EchoBenchmarks.Raw_StoreInstantiateCall"/>:
/// the hop to a KAMI worker thread, the file stat of the component cache check (now at most once a second, so
/// this figure is the cost that check had on every call), the store setup KAMI adds
/// (console capture, call context), and the 2 ms epoch ticker.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class OverheadBenchmarks
{
    private const string Input = """{"text":"hello"}""";
    private const string ToolInterface = "kami:tool/tool@0.1.0";

    private ExecutionScheduler _scheduler = null!;
    private Engine _engine = null!;
    private ComponentLinker _linker = null!;
    private Component _component = null!;
    private Thread? _ticker;
    private CancellationTokenSource _stop = null!;
    private long _memoryLimit;
    private ulong _fuel;

    /// <summary>Whether a thread advances the raw engine's epoch every 2 ms, as KAMI's WasmEngine does.</summary>
    [Params(false, true)]
    public bool Ticker { get; set; }

    internal ExecutionScheduler Scheduler => _scheduler;

    [GlobalSetup]
    public void Setup()
    {
        var options = RuntimeOptions.Default;
        _scheduler = new ExecutionScheduler(options);
        using (var config = new Config().WithComponentModel(true).WithFuelConsumption(true).WithEpochInterruption(true)
                   .WithMaximumStackSize(options.MaxStackBytes))
        {
            _engine = new Engine(config);
        }
        _linker = new ComponentLinker(_engine);
        _linker.AddWasiPreview2();
        using (var root = _linker.Root())
        using (var host = root.AddInstance("kami:tool/host@0.1.0"))
        {
            host.DefineFunction("log", (args, results) => { });
        }
        _component = Component.FromBytes(_engine, File.ReadAllBytes(RepoPaths.EchoWasm));
        _memoryLimit = (long)SecurityPolicy.DenyAll.MaxMemoryMb << 20;
        _fuel = SecurityPolicy.DenyAll.MaxFuel;
        _stop = new CancellationTokenSource();
        if (Ticker)
        {
            _ticker = new Thread(() =>
            {
                while (!_stop.Token.WaitHandle.WaitOne(options.EpochTick)) _engine.IncrementEpoch();
            }) { IsBackground = true };
            _ticker.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        _ticker?.Join();
        _scheduler.Dispose();
        _component.Dispose();
        _linker.Dispose();
        _engine.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// The thread hop alone: a trivial work item through KAMI's scheduler. This is a lower bound: back to back,
    /// the worker and the caller are still spinning when the next item or result arrives, so no kernel wake-up is
    /// paid; with real work in between (see <see cref="Raw_Call_OnSchedulerAwait"/>) both sides block and are woken.
    /// </summary>
    [Benchmark]
    public Task<int> Hop_SchedulerRunAsync_Await() => _scheduler.RunAsync("echo", _ => 1, () => 0, CancellationToken.None);

    /// <summary>The thread hop alone, blocking on the task.</summary>
    [Benchmark]
    public int Hop_SchedulerRunAsync_Block() => _scheduler.RunAsync("echo", _ => 1, () => 0, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The stat ComponentLoader.Load makes when it looks at a cached component's file again (at most once a second).</summary>
    [Benchmark]
    public long FileInfo_Stat()
    {
        var info = new FileInfo(RepoPaths.EchoWasm);
        return info.Exists ? info.Length ^ info.LastWriteTimeUtc.Ticks ^ info.FullName.Length : 0;
    }

    /// <summary>Raw call as in EchoBenchmarks (on the benchmark thread).</summary>
    [Benchmark(Baseline = true)]
    public string? Raw_Call() => RawCall(consoleCapture: false);

    /// <summary>Raw call plus what GuestInvoker adds to the store: stdout/stderr callbacks into buffers, a thread-static context.</summary>
    [Benchmark]
    public string? Raw_Call_KamiStoreSetup() => RawCall(consoleCapture: true);

    /// <summary>Raw call run on a KAMI worker through the scheduler, awaited: hop + raw call, no other KAMI code.</summary>
    [Benchmark]
    public Task<string?> Raw_Call_OnSchedulerAwait() => _scheduler.RunAsync("echo", _ => RawCall(consoleCapture: false), () => null, CancellationToken.None);

    [ThreadStatic] private static object? _context;

    private string? RawCall(bool consoleCapture)
    {
        var started = Stopwatch.GetTimestamp();
        using var store = new Store(_engine);
        store.SetLimits(memorySize: _memoryLimit, tableElements: 1_000_000, instances: 1_000, tables: 1_000, memories: 100);
        store.Fuel = _fuel;
        store.SetEpochDeadline(1);
        store.SetEpochDeadlineCallback(_ => Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(30) ? throw new TimeoutException() : 1UL);
        var wasi = new WasiConfiguration();
        var previous = _context;
        if (consoleCapture)
        {
            var stdout = new MemoryStream();
            var stderr = new MemoryStream();
            wasi.WithStandardOutputCallback(bytes => stdout.Write(bytes)).WithStandardErrorCallback(bytes => stderr.Write(bytes));
            _context = new object();
        }
        store.SetWasiConfiguration(wasi);
        try
        {
            var instance = _linker.Instantiate(store, _component);
            var run = instance.GetFunction(ToolInterface, "run") ?? throw new InvalidOperationException("no run export");
            var value = run.Call(ComponentValue.String(Input)) ?? throw new InvalidOperationException("run returned nothing");
            return value.IsOk ? value.Payload?.AsString() : null;
        }
        finally
        {
            _context = previous;
        }
    }
}
