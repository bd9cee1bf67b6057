using System.CommandLine;
using System.Globalization;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Runtime.Caching;

namespace Kami.Cli.Commands;

/// <summary>
/// <c>kami cache stats|clear|warm</c>: the compiled cache under <c>$KAMI_HOME/cache</c>, which lets a fresh process
/// load a tool instead of compiling it. Clearing it is always safe: the next call of each tool compiles it again.
/// </summary>
internal static class CacheCommand
{
    public static Command Create(CommandRunner runner)
    {
        var stats = new Command("stats", "Show where the compiled cache is, how many tools it holds and its size");
        runner.SetAction(stats, context =>
        {
            var cache = Open(context);
            var (count, bytes) = cache.Stats();
            context.Output.Line($"compiled cache {cache.Directory}");
            context.Output.Line($"  {count} compiled component{(count == 1 ? "" : "s")}, {Mib(bytes)} of {Mib(cache.MaxBytes)} (cache_max_mb)");
            if (context.Settings.CompiledCacheDirectory is null) context.Output.Line("  off: cache_max_mb = 0, so every process compiles its tools");
            return ExitCodes.Ok;
        });

        var clear = new Command("clear", "Delete every compiled component; each tool is compiled again on its next call (or by `kami cache warm`)");
        runner.SetAction(clear, context =>
        {
            var removed = Open(context).Clear();
            context.Output.Line($"removed {removed} file{(removed == 1 ? "" : "s")} from the compiled cache");
            return ExitCodes.Ok;
        });

        var warm = new Command("warm", "Compile every installed tool that is not in the compiled cache yet");
        runner.SetAction(warm, context =>
        {
            if (context.Settings.CompiledCacheDirectory is null)
                throw new KamiException(ErrorKind.InvalidInput, "the compiled cache is off (cache_max_mb = 0); set cache_max_mb in config.toml to use it");
            var tools = context.Registry.List(new ToolQuery());
            using var runtime = context.NewOneShotRuntime();
            var failed = 0;
            foreach (var tool in tools)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    var compiled = runtime.Precompile(tool.Id.Value, tool.WasmFile, tool.WasmSha256, tool.ToolSignature, tool.Manifest);
                    var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    context.Output.Line(compiled ? $"compiled {tool.Id} in {ms:0} ms" : $"{tool.Id} was already compiled");
                }
                catch (Exception e) when (e is KamiException or IOException)
                {
                    failed++;
                    context.Output.Error($"{tool.Id}: {e.Message}");
                }
            }
            if (tools.Count == 0) context.Output.Line("no tools installed; nothing to compile");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.UserError;
        });

        return new Command("cache", "The compiled cache: compiled tools kept between processes, so first calls do not compile") { stats, clear, warm };
    }

    private static CompiledCache Open(CommandContext context) =>
        new(context.Settings.Paths.Cache, context.Settings.CompiledCacheMaxBytes);

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
