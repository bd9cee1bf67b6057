using Kami.Core.Hosting;
using Kami.Core.Registry;
using Kami.Runtime.Contracts;

namespace Kami.Mcp.Tools;

/// <summary>
/// Which of the tools a caller was just listed to get ready before their first call, most likely first: those this
/// registry ran most recently (its audit log), then the rest in the order they were listed. Evaluated on the
/// warm-up thread, never on a request; a log that cannot be read leaves the listed order.
/// </summary>
internal static class FirstCallCandidates
{
    /// <summary>How many of the newest audit records are read for the order.</summary>
    public const int RecentCallsRead = 200;

    public static IEnumerable<ExecutionRequest> Of(IReadOnlyList<string> listedNames, ToolCatalog catalog, KamiPaths paths, IAuditLog? audit)
    {
        var listed = listedNames.Select(catalog.Find).OfType<SandboxedTool>().ToList();
        var rank = RecentRanks(audit);
        // OrderBy is stable: tools never called keep the listed order, after those that were.
        return listed.OrderBy(tool => rank.GetValueOrDefault(tool.Installed.Id.Value, int.MaxValue))
            .Select(tool => ExecutionRequest.For(tool.Installed, "", paths, logSink: null));
    }

    private static Dictionary<string, int> RecentRanks(IAuditLog? audit)
    {
        var rank = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (audit is null) return rank;
        try
        {
            foreach (var call in audit.Recent(RecentCallsRead)) rank.TryAdd(call.ToolId, rank.Count);
        }
        catch (Exception)
        {
            // Only an ordering hint: a registry that is down right now leaves the listed order.
        }
        return rank;
    }
}
