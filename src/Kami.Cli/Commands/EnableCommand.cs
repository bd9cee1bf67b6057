using System.CommandLine;
using Kami.Cli.CommandLine;
using Kami.Cli.Installing;
using Kami.Cli.Output;
using Kami.Core.Errors;

namespace Kami.Cli.Commands;

/// <summary><c>kami enable</c> and <c>kami disable</c>: a disabled tool stays installed but is not served or run.</summary>
internal static class EnableCommand
{
    public static Command Create(CommandRunner runner, bool enable)
    {
        var id = ToolIdArgument.Create();
        var command = new Command(enable ? "enable" : "disable", enable ? "Serve and run a disabled tool again" : "Stop serving a tool without uninstalling it") { id };
        runner.SetAction(command, context =>
        {
            var toolId = context.Get(id);
            if (!context.Registry.SetEnabled(toolId, enable))
                throw InstalledTools.NotInstalled(toolId);
            context.Output.Line($"{(enable ? "enabled" : "disabled")} {toolId}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
