using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Kami.Runtime.Execution;

namespace Kami.Bench.Runtime;

/// <summary>Runs every variant for a short burst per round, in turn, and reports the median per-call time over rounds.</summary>
internal static class Interleaved
{
    private const int CallsPerRound = 100;

    public static void Run(int rounds)
    {
        var echo = new EchoBenchmarks();
        echo.Setup();
        var parts = new OverheadBenchmarks { Ticker = true };
        parts.Setup();
        // Diagnostics only: KAMI's internal steps, reached by reflection (ComponentLoader.Load, GuestInvoker.Invoke).
        const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
        var runtime = echo.Runtime;
        var request = echo.Request;
        var loader = typeof(ToolRuntime).GetField("_loader", Private)!.GetValue(runtime)!;
        var invoker = typeof(ToolRuntime).GetField("_invoker", Private)!.GetValue(runtime)!;
        var load = loader.GetType().GetMethod("Load")!;
        var invoke = invoker.GetType().GetMethod("Invoke")!;
        object Load() => load.Invoke(loader, [request.ToolId, request.WasmFile, request.ExpectedSha256])!;
        var component = Load();
        object[] invokeArgs = [component, request, CancellationToken.None, TimeSpan.Zero];
        object Invoke() => invoke.Invoke(invoker, invokeArgs)!;
        async Task<object> InvokeOnSchedulerAwaited() =>
            await parts.Scheduler.RunAsync("echo", _ => Invoke(), () => null!, CancellationToken.None).ConfigureAwait(false);
        var variants = new (string Name, Action Call)[]
        {
            ("Raw_StoreInstantiateCall", () => echo.Raw_StoreInstantiateCall()),
            ("internal Loader.Load", () => Load()),
            ("internal Invoker.Invoke (bench thread)", () => Invoke()),
            ("internal Invoker.Invoke on scheduler", () => parts.Scheduler.RunAsync("echo", _ => Invoke(), () => null!, CancellationToken.None).GetAwaiter().GetResult()),
            ("internal Invoke on scheduler, async wrap", () => InvokeOnSchedulerAwaited().GetAwaiter().GetResult()),
            ("Kami_ExecuteAsync (blocking wait)", () => echo.Kami_ExecuteAsync().GetAwaiter().GetResult()),
            ("Raw_Call_KamiStoreSetup (+ticker)", () => parts.Raw_Call_KamiStoreSetup()),
            ("Raw_Call (+ticker)", () => parts.Raw_Call()),
            ("Raw_Call_OnScheduler (+ticker)", () => parts.Raw_Call_OnSchedulerAwait().GetAwaiter().GetResult()),
            ("Hop_SchedulerRunAsync", () => parts.Hop_SchedulerRunAsync_Block()),
            ("FileInfo_Stat", () => parts.FileInfo_Stat()),
        };
        // Each variant runs a whole round: CallsPerRound calls.
        variants = [.. variants.Select(x => (x.Name, Many(x.Call)))];
        variants = [.. variants,
            ("Kami_ExecuteAsync awaited on thread pool", () => Task.Run(async () =>
            {
                for (var i = 0; i < CallsPerRound; i++) await runtime.ExecuteAsync(request).ConfigureAwait(false);
            }).GetAwaiter().GetResult()),
            ("Raw_StoreInstantiateCall on thread pool", () => Task.Run(() =>
            {
                for (var i = 0; i < CallsPerRound; i++) echo.Raw_StoreInstantiateCall();
            }).GetAwaiter().GetResult()),
        ];
        var samples = variants.Select(_ => new List<double>()).ToArray();
        for (var round = -3; round < rounds; round++) // three warm-up rounds
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var call = variants[v].Call;
                var start = Stopwatch.GetTimestamp();
                call();
                var perCall = Stopwatch.GetElapsedTime(start).TotalMicroseconds / CallsPerRound;
                if (round >= 0) samples[v].Add(perCall);
            }
        }
        echo.Cleanup();
        parts.Cleanup();

        var rawMedian = Percentile(samples[0], 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rounds} rounds x {CallsPerRound} calls; per-call microseconds"));
        Console.WriteLine($"| {"Variant",-40} | {"p10",8} | {"median",8} | {"p75",8} | {"p10/raw",7} | {"med/raw",7} |");
        Console.WriteLine($"|{new string('-', 42)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 9)}|{new string('-', 9)}|");
        var rawP10 = Percentile(samples[0], 0.1);
        for (var v = 0; v < variants.Length; v++)
        {
            var median = Percentile(samples[v], 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variants[v].Name,-40} | {Percentile(samples[v], 0.1),8:F1} | {median,8:F1} | {Percentile(samples[v], 0.75),8:F1} | {Percentile(samples[v], 0.1) / rawP10,7:F2} | {median / rawMedian,7:F2} |"));
        }
    }

    private static Action Many(Action call) => () =>
    {
        for (var i = 0; i < CallsPerRound; i++) call();
    };

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var index = p * (sorted.Count - 1);
        var low = (int)Math.Floor(index);
        var high = (int)Math.Ceiling(index);
        return sorted[low] + (sorted[high] - sorted[low]) * (index - low);
    }
}
