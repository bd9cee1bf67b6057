using System.CommandLine;
using Kami.Cli.Authoring;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Cli.Running;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Commands;

/// <summary>
/// <c>kami test [dir]</c>: runs the package's test/cases.json against its built component, in the sandbox and
/// under the package's policy, as an installed tool would run. The cases share one fresh data directory, in
/// order, so a sandbox tool's later cases see what earlier ones wrote.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CommandRunner runner)
    {
        var dir = new Argument<string>("dir") { Description = "The package directory (default: the current one)", DefaultValueFactory = _ => "." };
        var build = new Option<bool>("--build") { Description = "Run kami build first" };
        var command = new Command("test", "Run a package's test/cases.json against its built component") { dir, build };
        runner.SetAction(command, async (context, cancellation) =>
        {
            var root = Path.GetFullPath(context.Get(dir));
            if (context.Get(build)) await BuildCommand.Build(context, root, cancellation);
            var manifest = ToolBuilder.ReadManifest(root);
            var wasm = Path.Combine(root, manifest.WasmPath);
            if (!File.Exists(wasm))
                throw new KamiException(ErrorKind.InvalidInput, $"{manifest.WasmPath} is not built yet: run kami build first (or kami test --build)");
            var cases = ToolTestCase.Load(root);

            var scratch = Directory.CreateTempSubdirectory("kami-test-").FullName;
            try
            {
                using var runtime = context.NewOneShotRuntime();
                var failed = 0;
                foreach (var c in cases)
                {
                    var result = await runtime.ExecuteAsync(new ExecutionRequest(manifest.Id.Value, wasm, manifest.Security, c.Input)
                    {
                        DataDirectory = scratch,
                        LogSink = new StderrLogSink(context.Output.Err),
                    }, cancellation);
                    var mismatch = c.Mismatch(result);
                    var timing = $"{result.Metrics.Duration.TotalMilliseconds:0.0} ms, {result.Metrics.FuelUsed:N0} fuel";
                    if (mismatch is null) context.Output.Line($"PASS {c.Name} ({timing})");
                    else
                    {
                        failed++;
                        context.Output.Line($"FAIL {c.Name}: {mismatch}");
                    }
                }
                context.Output.Line($"{cases.Count - failed} passed, {failed} failed");
                return failed == 0 ? ExitCodes.Ok : ExitCodes.UserError;
            }
            finally
            {
                try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        });
        return command;
    }
}
