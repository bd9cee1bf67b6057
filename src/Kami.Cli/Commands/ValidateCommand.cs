using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Packaging.Packages;

namespace Kami.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var source = new Argument<string>("package") { Description = "A package directory, its tool.toml, or a plugin.zip" }.Accept(Path.Exists, PackageReader.DoesNotExist);
        var command = new Command("validate", "Check a package without installing it: every problem, with file, line and field") { source };
        runner.SetAction(command, context =>
        {
            var scratch = Path.Combine(Path.GetTempPath(), "kami-validate-" + Guid.NewGuid().ToString("n"));
            try
            {
                var read = PackageReader.Read(context.Get(source), scratch);
                var problems = read.Problems.ToList();
                IReadOnlyList<string> imports = [];
                if (read.Package is { } package)
                {
                    try
                    {
                        using var runtime = context.NewOneShotRuntime();
                        imports = runtime.Check(package.Manifest.Id.Value, package.WasmFile);
                    }
                    catch (KamiException e)
                    {
                        problems.Add(ManifestProblem.Error(package.Manifest.WasmPath, null, "tool.wasm", e.Message));
                    }
                }
                var valid = read.IsValid && problems.All(p => p.Severity != ProblemSeverity.Error);
                if (context.Json)
                {
                    context.Output.Json(new ValidateJson(valid, read.Package?.Manifest.Id.Value, read.Package?.Manifest.Version.ToString(),
                        problems.Select(p => new ProblemJson(p.Severity.ToString().ToLowerInvariant(), p.File, p.Line, p.Field, p.Message)).ToList(),
                        read.Notes, imports), CliJsonContext.Relaxed.ValidateJson);
                }
                else
                {
                    foreach (var p in problems)
                    {
                        if (p.Severity == ProblemSeverity.Error) context.Output.Note(p.ToString());
                        else context.Output.Line(p.ToString());
                    }
                    foreach (var note in read.Notes) context.Output.Line("note: " + note);
                    if (valid) context.Output.Line($"ok: {read.Package!.Manifest.Id} {read.Package.Manifest.Version} is a valid package");
                    else context.Output.Note($"invalid: {problems.Count(p => p.Severity == ProblemSeverity.Error)} error(s)");
                }
                return valid ? ExitCodes.Ok : ExitCodes.UserError;
            }
            finally
            {
                try { if (Directory.Exists(scratch)) Directory.Delete(scratch, true); } catch (IOException) { }
            }
        });
        return command;
    }
}
