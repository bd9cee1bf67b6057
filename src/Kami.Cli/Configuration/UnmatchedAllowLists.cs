using Kami.Core.Registry;
using Kami.Core.Security.Network;
using Kami.Core.Tools;

namespace Kami.Cli.Configuration;

/// <summary>
/// [net_allow_list] entries that name no installed tool. Such an entry narrows nothing, so a typo in a tool id would
/// leave that tool its whole declared list while the operator believes it narrowed: say so where the operator looks.
/// </summary>
internal static class UnmatchedAllowLists
{
    public static IReadOnlyList<string> Warnings(OperatorAllowLists lists, IToolRegistry registry) =>
        [.. lists.Tools
            .Where(tool => !ToolId.TryParse(tool, out var id, out _) || registry.Find(id) is null)
            .Select(tool => $"[net_allow_list] in config.toml names \"{tool}\", which is not installed: it narrows nothing "
                + "(`kami list` shows the installed ids)")];
}
