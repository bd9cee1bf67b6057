using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Output;
using Kami.Core.Errors;

namespace Kami.Cli.Commands;

internal static class RollbackCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = ToolIdArgument.Create();
        var command = new Command("rollback", "Go back to the version installed before the last install or update (one is kept; rolling back again goes forward)") { id };
        runner.SetAction(command, context =>
        {
            var tool = InstalledTools.Require(context, context.Get(id));
            var previous = context.Registry.Previous(tool.Id)
                ?? throw new KamiException(ErrorKind.InvalidInput, $"{tool.Id} has no earlier version to go back to (KAMI keeps the one before the last install or update)");
            context.Connection.TryEnsureLocal(previous);
            if (!File.Exists(previous.WasmFile))
                throw new KamiException(ErrorKind.PackageInvalid, $"the files of {tool.Id} {previous.Manifest.Version} are gone ({previous.InstallPath}); re-install that version instead");
            var restored = context.Registry.Rollback(tool.Id)
                ?? throw new KamiException(ErrorKind.InvalidInput, $"{tool.Id} has no earlier version to go back to");
            context.Output.Line($"rolled back {tool.Id} from {tool.Manifest.Version} to {restored.Manifest.Version} (with the permissions approved for it)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
