using System.Globalization;

namespace Kami.Core.Security;

/// <summary>
/// What a policy lets a tool do beyond deny-all: file access, the host variables it will really see, the
/// hosts it names, and the limits it raises above the defaults. Install shows it and asks before granting;
/// one summary, so that every place that tells an operator what a tool may do (an upgrade's diff too) agrees.
/// </summary>
public sealed record CapabilitySummary
{
    /// <summary>How much of its data directory the tool may see.</summary>
    public required FsAccess Files { get; init; }

    /// <summary>Allow-listed variables the tool will be given.</summary>
    public required IReadOnlyList<string> Env { get; init; }

    /// <summary>Allow-listed variables it will never be given (<see cref="EnvDenyList"/>), with why.</summary>
    public required IReadOnlyList<(string Name, string Reason)> EnvWithheld { get; init; }

    /// <summary>The hosts in <c>net_allow_list</c>. What the tool may reach over kami:http/outgoing (private addresses only where the operator allows).</summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    /// <summary>The limits the policy raises above KAMI's defaults (lowered ones are not listed: they grant nothing).</summary>
    public required IReadOnlyList<RaisedLimit> Limits { get; init; }

    /// <summary>The tool gets nothing deny-all does not give: installing it needs no one's approval.</summary>
    public bool GrantsNothing => Files == FsAccess.None && Env.Count == 0 && Hosts.Count == 0 && Limits.Count == 0;

    /// <summary>What <paramref name="policy"/> grants, with the variables in <paramref name="denied"/> moved from <see cref="Env"/> to <see cref="EnvWithheld"/>.</summary>
    public static CapabilitySummary Of(SecurityPolicy policy, EnvDenyList denied)
    {
        var limits = new List<RaisedLimit>();
        void Limit(string name, ulong value, ulong @default)
        {
            if (value > @default) limits.Add(new RaisedLimit(name, value, @default));
        }
        Limit("max_memory_mb", (ulong)policy.MaxMemoryMb, SecurityPolicy.DefaultMaxMemoryMb);
        Limit("max_execution_ms", (ulong)policy.MaxExecutionMs, SecurityPolicy.DefaultMaxExecutionMs);
        Limit("max_fuel", policy.MaxFuel, SecurityPolicy.DefaultMaxFuel);
        return new CapabilitySummary
        {
            Files = policy.FsAccess,
            Env = [.. policy.EnvAllowList.Where(n => !denied.Denies(n))],
            EnvWithheld = [.. policy.EnvAllowList.Where(denied.Denies).Select(n => (n, denied.Reason(n)))],
            Hosts = policy.NetAllowList,
            Limits = limits,
        };
    }

    /// <summary>One line per capability, for people (the caller escapes them for a terminal).</summary>
    public IReadOnlyList<string> Describe(string? dataDirectory)
    {
        if (GrantsNothing) return ["may: nothing beyond the deny-all defaults"];
        var lines = new List<string>();
        var where = dataDirectory is null ? "its data directory" : dataDirectory;
        if (Files == FsAccess.ReadOnly) lines.Add($"files: read {where}");
        if (Files == FsAccess.Sandbox) lines.Add($"files: read and write {where}");
        if (Env.Count > 0) lines.Add("environment: read " + string.Join(", ", Env));
        if (Hosts.Count > 0) lines.Add("network: names " + string.Join(", ", Hosts));
        foreach (var limit in Limits)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{limit.Name}: {limit.Value:N0} (default {limit.Default:N0})"));
        return lines;
    }
}
