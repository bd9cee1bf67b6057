using System.CommandLine;
using System.CommandLine.Parsing;
using Kami.Cli.Output;
using Kami.Core.Errors;

namespace Kami.Cli.CommandLine;

/// <summary>
/// Runs a command's body and maps failures to exit codes: a <see cref="KamiException"/> the user can act on, or a
/// command line that does not parse, prints its message (exit 1); anything else is a bug and prints one line (exit 2;
/// KAMI_DEBUG=1 adds the stack).
/// </summary>
internal sealed class CommandRunner(GlobalOptions globals, CliHost host)
{
    public GlobalOptions Globals { get; } = globals;

    public void SetAction(Command command, Func<CommandContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellation) => RunAsync(parse, body, cancellation));

    public void SetAction(Command command, Func<CommandContext, int> body) =>
        command.SetAction((parse, cancellation) => RunAsync(parse, (c, _) => Task.FromResult(body(c)), cancellation));

    private async Task<int> RunAsync(ParseResult parse, Func<CommandContext, CancellationToken, Task<int>> body, CancellationToken cancellation)
    {
        var context = new CommandContext(parse, Globals, host);
        try
        {
            return await body(context, cancellation).ConfigureAwait(false);
        }
        catch (ManifestInvalidException e)
        {
            context.Output.Error("the package is not valid:");
            foreach (var problem in e.Problems) context.Output.Note("  " + problem);
            return ExitCodes.For(e.Kind);
        }
        catch (KamiException e) when (e.IsUserError)
        {
            Report(context, e.Message, e.Kind.ToString());
            return ExitCodes.For(e.Kind);
        }
        catch (KamiException e) when (e.Kind == ErrorKind.RegistryUnavailable)
        {
            // Not a bug: a database that is down, refuses the login or is newer than this KAMI. One line, no trace.
            Report(context, e.Message, e.Kind.ToString());
            return ExitCodes.For(e.Kind);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Report(context, "cancelled", nameof(ErrorKind.Cancelled));
            return ExitCodes.For(ErrorKind.Cancelled);
        }
        catch (Exception e)
        {
            Report(context, $"internal error: {e.Message}", nameof(ErrorKind.Internal));
            if (Environment.GetEnvironmentVariable("KAMI_DEBUG") == "1") context.Output.Err.WriteLine(e);
            return ExitCodes.For(ErrorKind.Internal);
        }
    }

    /// <summary>
    /// The command line's errors (an unknown command, a missing argument, a value <see cref="ParseRules"/> refused),
    /// reported like any other user error, with where to find the usage: exit 1.
    /// </summary>
    public int ReportParseErrors(ParseResult parse)
    {
        var context = new CommandContext(parse, Globals, host);
        if (context.Json)
        {
            Report(context, string.Join("; ", parse.Errors.Select(e => e.Message)), nameof(ErrorKind.InvalidInput));
            return ExitCodes.UserError;
        }
        foreach (var error in parse.Errors) context.Output.Error(error.Message);
        context.Output.Note($"see `{CommandLine(parse.CommandResult)} --help`");
        return ExitCodes.UserError;
    }

    // "kami inspect": the root's own name is the executable's, which is not "kami" under a test host.
    private static string CommandLine(CommandResult command)
    {
        var names = new List<string>();
        for (var c = command; c.Parent is CommandResult parent; c = parent) names.Insert(0, c.Command.Name);
        return string.Join(' ', ["kami", .. names]);
    }

    private static void Report(CommandContext context, string message, string kind)
    {
        if (context.Json) context.Output.Json(new ErrorJson(message, kind), CliJsonContext.Relaxed.ErrorJson);
        else context.Output.Error(message);
    }
}
