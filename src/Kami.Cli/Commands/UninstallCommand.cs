using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Output;
using Kami.Packaging.Install;

namespace Kami.Cli.Commands;

internal static class UninstallCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = ToolIdArgument.Create();
        var keepData = new Option<bool>("--keep-data") { Description = "Keep the tool's data directory (a later install with the same id will see it)" };
        var command = new Command("uninstall", "Remove an installed tool and its data directory") { id, keepData };
        runner.SetAction(command, context =>
        {
            var installer = new ToolInstaller(context.Registry, context.Registry, context.Settings.Paths, TimeProvider.System);
            var keep = context.Get(keepData);
            var removed = installer.Uninstall(context.Get(id), keep);
            context.Output.Line($"uninstalled {removed.Id} {removed.Manifest.Version}" +
                (keep ? $" (data kept in {context.Settings.Paths.DataDirectory(removed.Id)})" : ""));
            return ExitCodes.Ok;
        });
        return command;
    }
}
