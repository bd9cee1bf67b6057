using Kami.Cli.CommandLine;
using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Core.Tools;

namespace Kami.Cli.Installing;

/// <summary>Looks up the tool a command names, with the same "not installed" error everywhere.</summary>
internal static class InstalledTools
{
    public static InstalledTool Require(CommandContext context, ToolId id) =>
        context.Registry.Find(id) ?? throw NotInstalled(id);

    public static KamiException NotInstalled(ToolId id) => KamiException.ToolNotInstalled(id);
}
