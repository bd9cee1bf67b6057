using Kami.Cli.CommandLine;
using Kami.Core.Errors;
using Kami.Core.Registry;

namespace Kami.Cli.Installing;

/// <summary>
/// Compiles a tool right after it is installed and keeps the result in the compiled cache, so the first call of a
/// fresh <c>kami serve</c> or <c>kami exec</c> loads it instead of compiling (seconds for a large JavaScript tool).
/// The install stands whatever happens here: a failure is a note, and the first call compiles instead.
/// </summary>
internal static class InstallPrecompile
{
    /// <summary>Returns a note for the user (compiled, or why not), or null when the cache is off.</summary>
    public static string? Run(CommandContext context, InstalledTool tool)
    {
        if (context.Settings.CompiledCacheDirectory is null) return null;
        try
        {
            using var runtime = context.NewOneShotRuntime();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var compiled = runtime.Precompile(tool.Id.Value, tool.WasmFile, tool.WasmSha256, tool.ToolSignature, tool.Manifest);
            var ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return compiled ? $"note: compiled in {ms:0} ms (kept in the compiled cache, so first calls skip it)" : null;
        }
        catch (KamiException e)
        {
            return $"note: not compiled ahead ({e.Message}); its first call compiles it";
        }
        catch (IOException e)
        {
            return $"note: not compiled ahead ({e.Message}); its first call compiles it";
        }
    }
}
