using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Running;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Packaging.Packages;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Commands;

/// <summary>
/// <c>kami run</c>: dev mode. Runs a .wasm, a package directory or a tool.toml without installing it, under
/// the package's policy (or deny-all for a bare .wasm), which flags may tighten or widen for the run.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CommandRunner runner)
    {
        var target = new Argument<string>("target") { Description = "A component (.wasm), a package directory, or a tool.toml" }.Accept(Path.Exists, PackageReader.DoesNotExist);
        var io = new ToolInputOptions();
        var fuel = new Option<ulong?>("--max-fuel") { Description = "Fuel budget for this run" };
        var memory = new Option<int?>("--max-memory-mb") { Description = "Memory cap in MiB" };
        var time = new Option<int?>("--max-execution-ms") { Description = "Wall-clock limit in milliseconds" };
        var fs = new Option<FsAccess?>("--fs") { Description = "File access to --data-dir (default: the package's fs_access; none for a bare .wasm)" }.OneOf(FsAccessNames.Names, FsAccessNames.TryParse);
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory the tool sees as '.' with --fs read-only/sandbox (default: a fresh private one, removed after the run)" };
        var env = new Option<string[]>("--env") { Description = "Host environment variable the tool may read (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("run", "Run a component or package directly (dev mode), without installing it") { target, fuel, memory, time, fs, dataDir, env };
        io.AddTo(command);
        runner.SetAction(command, async (context, cancellation) =>
        {
            var input = io.ReadInput(context);
            // A fresh directory only this user can enter (mkdtemp, 0700), never a fixed name another local user
            // could plant a link at; the dev data lives inside it and goes with it.
            var scratch = Directory.CreateTempSubdirectory("kami-run-").FullName;
            try
            {
                return await RunAsync(context, input, scratch, cancellation);
            }
            finally
            {
                // Recursive deletion removes a link the guest made as a link; it does not follow it.
                try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        });
        return command;

        async Task<int> RunAsync(CommandContext context, string input, string scratch, CancellationToken cancellation)
        {
            var (toolId, wasm, policy) = Resolve(context.Get(target), Path.Combine(scratch, "package"));
            policy = policy with
            {
                MaxFuel = context.Get(fuel) ?? policy.MaxFuel,
                MaxMemoryMb = context.Get(memory) ?? policy.MaxMemoryMb,
                MaxExecutionMs = context.Get(time) ?? policy.MaxExecutionMs,
                EnvAllowList = context.Get(env) is { Length: > 0 } names ? names : policy.EnvAllowList,
            };
            if (context.Get(fs) is { } access) policy = policy with { FsAccess = access };
            foreach (var name in policy.EnvAllowList.Where(context.Settings.EnvDenyList.Denies))
                context.Output.Warning($"{name} is never passed to a tool ({context.Settings.EnvDenyList.Reason(name)}); the tool will not see it");
            var data = context.Get(dataDir) ?? Path.Combine(scratch, "data");
            using var runtime = context.NewOneShotRuntime();
            var result = await runtime.ExecuteAsync(new ExecutionRequest(toolId, wasm, policy, input)
            {
                DataDirectory = Path.GetFullPath(data),
                LogSink = new StderrLogSink(context.Output.Err),
            }, cancellation);
            return ToolInputOptions.Print(context, result);
        }
    }

    private static (string ToolId, string Wasm, SecurityPolicy Policy) Resolve(string target, string scratch)
    {
        if (File.Exists(target) && target.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase))
            return (Path.GetFileNameWithoutExtension(target), Path.GetFullPath(target), SecurityPolicy.DenyAll);
        var package = PackageReader.Read(target, scratch).GetPackageOrThrow();
        return (package.Manifest.Id.Value, package.WasmFile, package.Manifest.Security);
    }
}
