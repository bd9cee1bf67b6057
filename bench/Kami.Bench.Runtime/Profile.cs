using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Bench.Runtime;

/// <summary>
/// `--profile [rounds]`: where one call of a tool goes, raw Wasmtime beside KAMI, for the C echo, the big C tool
/// (bench/tools/regex-extract) and the JavaScript echo. Raw calls are split into steps (store and limits, WASI
/// context, instantiate, export lookup, run, teardown); instantiate is measured under the pooling allocator with
/// copy-on-write memory images (KAMI's setting), without them, and on demand. KAMI is measured end to end through
/// ToolRuntime.ExecuteAsync, instantiating on the call path (PrepareInstances off) and with instances made ahead.
/// Variants alternate in rounds; medians of per-round means are printed, so a busy machine moves all of them alike.
/// </summary>
internal static class Profile
{
    private const string ToolInterface = "kami:tool/tool@0.1.0";

    private sealed record Tool(string Name, string Wasm, string Input, int CallsPerRound);

    private static readonly string[] Steps = ["store+limits", "wasi ctx", "instantiate", "get export", "run", "dispose"];

    public static void Run(int rounds)
    {
        var root = RepoPaths.Root;
        Tool[] tools =
        [
            new("C echo (17 KB)", Path.Combine(root, "examples/echo/echo.wasm"), """{"text":"hello"}""", 200),
            new("regex-extract (1.27 MB C)", Path.Combine(root, "bench/tools/regex-extract/regex-extract.wasm"),
                """{"pattern":"\\d+","text":"order 66 shipped 2026-12-05, 3 items"}""", 100),
            new("JS echo (12 MB)", Path.Combine(root, "examples/js-echo/js-echo.wasm"), """{"text":"hello"}""", 20),
        ];
        var policy = SecurityPolicy.DenyAll;
        var options = RuntimeOptions.Default;
        using var pooled = new RawEngine(options, pooling: true, cow: true);
        using var noCow = new RawEngine(options, pooling: true, cow: false);
        using var onDemand = new RawEngine(options, pooling: false, cow: true);
        using var cowResident = new RawEngine(options, pooling: true, cow: true, keepResident: 64 << 20);
        using var noCowResident = new RawEngine(options, pooling: true, cow: false, keepResident: 64 << 20);
        using var kamiFresh = new ToolRuntime(options with { PrepareInstances = false });
        using var kamiAhead = new ToolRuntime(options);

        foreach (var tool in tools)
        {
            var bytes = File.ReadAllBytes(tool.Wasm);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var compiled = pooled.Load(bytes, null);
            var serialized = compiled.Serialize();
            noCow.Load(bytes, null); // CoW is part of what an artifact was compiled for
            onDemand.Load(bytes, serialized);
            cowResident.Load(bytes, serialized);
            noCowResident.Load(bytes, noCow.Serialized);
            var request = new ExecutionRequest(tool.Name, tool.Wasm, policy, tool.Input) { ExpectedSha256 = sha };

            var variants = new List<(string Name, Func<double[]?> Call)>
            {
                ("raw, pooling + CoW images (KAMI's)", () => pooled.Call(tool.Input, policy)),
                ("raw, pooling, CoW off", () => noCow.Call(tool.Input, policy)),
                ("raw, on-demand allocator", () => onDemand.Call(tool.Input, policy)),
                ("raw, pooling + CoW, 64 MiB kept resident", () => cowResident.Call(tool.Input, policy)),
                ("raw, pooling, CoW off, 64 MiB kept resident", () => noCowResident.Call(tool.Input, policy)),
                ("raw, run on a reused instance", () => pooled.CallReused(tool.Input)),
                ("KAMI ExecuteAsync, instantiate on the call", () => CallKami(kamiFresh, request)),
                ("KAMI ExecuteAsync, instance made ahead", () => CallKami(kamiAhead, request)),
            };
            var sums = variants.Select(_ => new List<double[]>()).ToArray();
            for (var round = -2; round < rounds; round++)
            {
                for (var v = 0; v < variants.Count; v++)
                {
                    var total = new double[Steps.Length + 1];
                    var start = Stopwatch.GetTimestamp();
                    for (var i = 0; i < tool.CallsPerRound; i++)
                    {
                        var steps = variants[v].Call();
                        if (steps is null) continue;
                        for (var s = 0; s < steps.Length; s++) total[s] += steps[s];
                    }
                    total[Steps.Length] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                    if (round >= 0) sums[v].Add([.. total.Select(t => t / tool.CallsPerRound)]);
                }
            }
            pooled.Unload();
            noCow.Unload();
            onDemand.Unload();
            cowResident.Unload();
            noCowResident.Unload();

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tool.Name}: {bytes.Length / 1024.0:N0} KiB, {rounds} rounds x {tool.CallsPerRound} calls, median of per-round means, µs per call"));
            Console.WriteLine($"| variant | {string.Join(" | ", Steps)} | wall per call |");
            Console.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---:|", Steps.Length + 1))}");
            for (var v = 0; v < variants.Count; v++)
            {
                var cells = Enumerable.Range(0, Steps.Length + 1).Select(s => Median(sums[v].Select(r => r[s])));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {variants[v].Name} | {string.Join(" | ", cells.Select((c, s) => s < Steps.Length && c == 0 ? "-" : c.ToString("F1", CultureInfo.InvariantCulture)))} |"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fuel used while instantiating (start functions): {pooled.StartFuel:N0}; made ahead / used: {kamiAhead.ReadyInstances.MadeCount} / {kamiAhead.ReadyInstances.UsedCount}"));
        }
    }

    private static double[]? CallKami(ToolRuntime runtime, ExecutionRequest request)
    {
        var result = runtime.ExecuteAsync(request).GetAwaiter().GetResult();
        if (result is not ExecutionResult.Succeeded) throw new InvalidOperationException($"{request.ToolId}: {result}");
        return null;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }

    /// <summary>A Wasmtime engine configured like KAMI's WasmEngine (fuel, epochs, stack), with a choice of allocator and memory initialisation.</summary>
    private sealed class RawEngine : IDisposable
    {
        private readonly Engine _engine;
        private readonly ComponentLinker _linker;
        private Component? _component;
        private Store? _reusedStore;
        private ComponentFunction? _reusedRun;

        public RawEngine(RuntimeOptions options, bool pooling, bool cow, int keepResident = 0)
        {
            using var config = new Config().WithComponentModel(true).WithFuelConsumption(true).WithEpochInterruption(true)
                .WithMaximumStackSize(options.MaxStackBytes).WithMemoryInitCopyOnWrite(cow);
            using var pool = pooling ? global::Kami.Runtime.Wasm.PoolingAllocatorSizing.Create(options.MaxConcurrency) : null;
            if (keepResident > 0) pool?.WithLinearMemoryKeepResidentBytes((nuint)keepResident);
            if (pool is not null) config.WithPoolingAllocationStrategy(pool);
            _engine = new Engine(config);
            _linker = new ComponentLinker(_engine);
            _linker.AddWasiPreview2();
            using var root = _linker.Root();
            using var host = root.AddInstance("kami:tool/host@0.1.0");
            host.DefineFunction("log", (args, results) => { });
        }

        public ulong StartFuel { get; private set; }
        public byte[]? Serialized { get; private set; }

        public Component Load(byte[] wasm, byte[]? serialized)
        {
            _component = serialized is null ? Component.FromBytes(_engine, wasm) : Component.Deserialize(_engine, serialized);
            Serialized = serialized ?? _component.Serialize();
            return _component;
        }

        public void Unload()
        {
            _reusedStore?.Dispose();
            _reusedStore = null;
            _reusedRun = null;
            _component?.Dispose();
            _component = null;
        }

        public double[] Call(string input, SecurityPolicy policy)
        {
            var t = new double[Steps.Length];
            var mark = Stopwatch.GetTimestamp();
            double Lap()
            {
                var now = Stopwatch.GetTimestamp();
                var us = Stopwatch.GetElapsedTime(mark, now).TotalMicroseconds;
                mark = now;
                return us;
            }
            var store = new Store(_engine);
            store.SetLimits(memorySize: (long)policy.MaxMemoryMb << 20, tableElements: 1_000_000, instances: 1_000, tables: 100, memories: 16);
            store.Fuel = policy.MaxFuel;
            store.SetEpochDeadline(1);
            store.SetEpochDeadlineCallback(_ => 1UL);
            t[0] = Lap();
            store.SetWasiConfiguration(new WasiConfiguration().WithStandardOutputCallback(_ => { }).WithStandardErrorCallback(_ => { }));
            t[1] = Lap();
            var instance = _linker.Instantiate(store, _component!);
            t[2] = Lap();
            StartFuel = policy.MaxFuel - store.Fuel;
            var run = instance.GetFunction(ToolInterface, "run") ?? throw new InvalidOperationException("no run export");
            t[3] = Lap();
            var value = run.Call(ComponentValue.String(input));
            if (value is not { IsOk: true }) throw new InvalidOperationException("run failed: " + value?.Payload?.AsString());
            t[4] = Lap();
            store.Dispose();
            t[5] = Lap();
            return t;
        }

        /// <summary>Only the run call, on one instance kept for the whole round (what no fresh-instance host may do; the floor).</summary>
        public double[] CallReused(string input)
        {
            if (_reusedRun is null)
            {
                _reusedStore = new Store(_engine);
                _reusedStore.Fuel = ulong.MaxValue / 2;
                _reusedStore.SetEpochDeadline(ulong.MaxValue / 2);
                _reusedStore.SetWasiConfiguration(new WasiConfiguration());
                _reusedRun = _linker.Instantiate(_reusedStore, _component!).GetFunction(ToolInterface, "run");
            }
            var t = new double[Steps.Length];
            var start = Stopwatch.GetTimestamp();
            var value = _reusedRun!.Call(ComponentValue.String(input));
            if (value is not { IsOk: true }) throw new InvalidOperationException("run failed: " + value?.Payload?.AsString());
            t[4] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            return t;
        }

        public void Dispose()
        {
            Unload();
            _linker.Dispose();
            _engine.Dispose();
        }
    }
}
