using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Output;
using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Cli.Commands;

internal static class PinCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = ToolIdArgument.Create();
        var version = new Argument<string?>("version") { Description = "The version to pin at: the installed one (the default)", Arity = ArgumentArity.ZeroOrOne };
        var unpin = new Option<bool>("--unpin") { Description = "Let kami update change the tool again" };
        var command = new Command("pin", "Keep a tool at its installed version: kami update skips it") { id, version, unpin };
        runner.SetAction(command, context =>
        {
            var tool = InstalledTools.Require(context, context.Get(id));
            if (context.Get(unpin))
            {
                context.Registry.SetPinned(tool.Id, false);
                context.Output.Line($"unpinned {tool.Id}");
                return ExitCodes.Ok;
            }
            if (context.Get(version) is { } text && ToolVersion.Parse(text) != tool.Manifest.Version)
                throw new KamiException(ErrorKind.InvalidInput,
                    $"{tool.Id} {tool.Manifest.Version} is installed, not {text}; install {tool.Id}@{text} first (add --force to downgrade), then pin it");
            context.Registry.SetPinned(tool.Id, true);
            context.Output.Line($"pinned {tool.Id} at {tool.Manifest.Version}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
