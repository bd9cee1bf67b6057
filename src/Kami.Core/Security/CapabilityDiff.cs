using System.Globalization;

namespace Kami.Core.Security;

/// <summary>
/// What a new version may do that the installed one may not (<see cref="Added"/>), and what it gives up, in the
/// terms of <see cref="CapabilitySummary"/>: file access, environment names, hosts, and limits raised above the
/// defaults. An update that adds anything needs the operator's approval.
/// </summary>
public sealed record CapabilityDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    /// <summary>True when the new version may do anything the installed one may not: the update then needs approval.</summary>
    public bool AsksForMore => Added.Count > 0;

    /// <summary>The difference from <paramref name="installed"/> to <paramref name="next"/>, both ways.</summary>
    public static CapabilityDiff Between(CapabilitySummary installed, CapabilitySummary next) =>
        new(Gains(installed, next), Gains(next, installed));

    // Everything "to" has that "from" has not; called both ways, so a gain one way is a loss the other.
    private static List<string> Gains(CapabilitySummary from, CapabilitySummary to)
    {
        var lines = new List<string>();
        if (to.Files > from.Files) lines.Add($"files: {to.Files.ToManifestName()} (was {from.Files.ToManifestName()})");
        foreach (var name in to.Env.Except(from.Env, StringComparer.Ordinal)) lines.Add("environment: read " + name);
        foreach (var host in to.Hosts.Except(from.Hosts, StringComparer.OrdinalIgnoreCase)) lines.Add("network: names " + host);
        foreach (var limit in to.Limits)
        {
            var before = from.Limits.FirstOrDefault(l => l.Name == limit.Name)?.Value ?? limit.Default;
            if (limit.Value > before)
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{limit.Name}: {limit.Value:N0} (was {before:N0})"));
        }
        return lines;
    }
}
