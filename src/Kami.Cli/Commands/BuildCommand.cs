using System.CommandLine;
using Kami.Cli.Authoring;
using Kami.Cli.CommandLine;

namespace Kami.Cli.Commands;

/// <summary><c>kami build [dir]</c>: builds the package's component and checks it as the loader will.</summary>
internal static class BuildCommand
{
    public static Command Create(CommandRunner runner)
    {
        var dir = new Argument<string>("dir") { Description = "The package directory (default: the current one)", DefaultValueFactory = _ => "." };
        var command = new Command("build", "Build the tool in a package directory (C, JavaScript or TypeScript) and check the component") { dir };
        runner.SetAction(command, async (context, cancellation) =>
        {
            var result = await Build(context, context.Get(dir), cancellation);
            context.Output.Line($"built {Path.GetRelativePath(Environment.CurrentDirectory, result.WasmFile)}: {Size(result.Bytes)} in {result.BuildTime.TotalSeconds:0.0} s "
                + $"(checked in {result.CheckTime.TotalSeconds:0.0} s; imports: {(result.Imports.Count == 0 ? "none" : string.Join(", ", result.Imports))})");
            return Output.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Builds, printing the compiler's error lines before the summary the runner prints.</summary>
    public static async Task<BuildResult> Build(CommandContext context, string dir, CancellationToken cancellation)
    {
        var builder = new ToolBuilder(GuestToolchain.Locate(context.Host), context.Output.Note);
        try
        {
            return await builder.BuildAsync(dir, context.NewOneShotRuntime, cancellation);
        }
        catch (BuildFailedException e)
        {
            foreach (var line in e.Details) context.Output.Note(line);
            throw;
        }
    }

    private static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes / 1048576.0:0.0} MiB" : $"{bytes / 1024.0:0.0} KiB";
}
