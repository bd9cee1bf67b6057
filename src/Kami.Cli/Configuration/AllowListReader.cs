using Kami.Core.Errors;
using Kami.Core.Security.Network;
using Microsoft.Extensions.Configuration;

namespace Kami.Cli.Configuration;

/// <summary>
/// Reads <c>[net_allow_list]</c> (<c>"tool id" = ["host", …]</c>): the lists the operator narrows each tool's declared
/// list to. An entry that is not a valid host, wildcard or address is an error, not a warning: ignoring it would leave
/// the tool more than the operator meant.
/// </summary>
internal static class AllowListReader
{
    public static OperatorAllowLists Read(IConfigurationSection section)
    {
        var rows = new List<(string, IReadOnlyList<AllowListEntry>)>();
        foreach (var tool in section.GetChildren())
        {
            var entries = new List<AllowListEntry>();
            foreach (var raw in (tool.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                entries.Add(AllowListEntry.Parse(raw, out var error)
                    ?? throw new KamiException(ErrorKind.InvalidInput, $"[{section.Key}] \"{tool.Key}\": entry \"{raw}\" {error}"));
            rows.Add((tool.Key, entries));
        }
        return OperatorAllowLists.From(rows);
    }
}
