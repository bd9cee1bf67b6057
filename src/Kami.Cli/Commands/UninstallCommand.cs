using System.CommandLine;
using Kami.Cli.Output;
using Kami.Packaging.Install;

namespace Kami.Cli.Commands;

internal static class UninstallCommand
{
    public static Command Create(CommandRunner runner)
    {
        var id = ToolIdArgument.Create();
        var command = new Command("uninstall", "Remove an installed tool (its data directory is kept)") { id };
        runner.SetAction(command, context =>
        {
            var installer = new ToolInstaller(context.Registry, context.Settings.Paths, TimeProvider.System);
            var removed = installer.Uninstall(ToolIdArgument.Parse(context.Get(id)));
            context.Output.Line($"uninstalled {removed.Id} {removed.Manifest.Version}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
