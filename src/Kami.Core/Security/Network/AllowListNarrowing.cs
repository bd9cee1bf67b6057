namespace Kami.Core.Security.Network;

/// <summary>
/// The intersection of a tool's declared allow-list with the operator's: what both allow. Entries are names (points),
/// addresses (points) and wildcards (subtrees), so two entries are either nested or disjoint, and the intersection is
/// the narrower of each nested pair: an operator entry within a tool entry stays as written, a tool entry within an
/// operator entry stays as the tool wrote it (operator <c>*.com</c> over tool <c>api.x.com</c> leaves api.x.com only).
/// </summary>
public static class AllowListNarrowing
{
    /// <summary>
    /// What the tool may reach when the operator allows <paramref name="operatorEntries"/>: never more than
    /// <paramref name="declared"/>, nothing when the operator's list is empty. Declared entries that are not valid
    /// entries match nothing and are left out (the manifest parser refuses them; an old registry row may hold one).
    /// </summary>
    public static NarrowedAllowList Narrow(IEnumerable<string> declared, IEnumerable<AllowListEntry> operatorEntries)
    {
        var tool = declared.Select(d => AllowListEntry.Parse(d.Trim(), out _)).OfType<AllowListEntry>().Distinct().ToList();
        var effective = new List<string>();
        var dropped = new List<string>();
        foreach (var entry in operatorEntries.Distinct())
        {
            if (tool.Any(t => t.Covers(entry)))
            {
                effective.Add(entry.Text);
                continue;
            }
            var within = tool.Where(entry.Covers).Select(t => t.Text).ToList();
            if (within.Count == 0) dropped.Add(entry.Text);
            effective.AddRange(within);
        }
        return new NarrowedAllowList([.. effective.Distinct(StringComparer.Ordinal)], dropped);
    }
}
