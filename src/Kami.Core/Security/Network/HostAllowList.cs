using System.Globalization;
using System.Net;

namespace Kami.Core.Security.Network;

/// <summary>
/// A tool's <c>net_allow_list</c> as a matcher. Names match exactly (case-insensitive, IDN as punycode, a trailing
/// dot ignored) or as <c>*.example.com</c> (subdomains only, never the apex). An IP address matches only an entry
/// that is that address written canonically; no entry ever matches a name by its address or the reverse.
/// An empty list matches nothing.
/// </summary>
public sealed class HostAllowList
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _suffixes = [];
    private readonly HashSet<IPAddress> _addresses = [];

    private HostAllowList() { }

    /// <summary>Nothing is allowed.</summary>
    public static HostAllowList Empty { get; } = new();

    /// <summary>
    /// Builds the matcher from entries read as <see cref="AllowListEntry"/> does; one that is not a valid entry (a short
    /// IPv4 form, a URL, '*' alone) matches nothing. <paramref name="narrowedByOperator"/> marks the list as the
    /// operator's narrowing of the tool's, so a refusal can say so.
    /// </summary>
    public static HostAllowList From(IEnumerable<string> entries, bool narrowedByOperator = false)
    {
        var list = new HostAllowList { NarrowedByOperator = narrowedByOperator };
        foreach (var raw in entries)
        {
            if (AllowListEntry.Parse(raw.Trim(), out _) is not { } entry) continue;
            switch (entry.Kind)
            {
                case AllowListEntryKind.Address: list._addresses.Add(IPAddress.Parse(entry.Value)); break;
                case AllowListEntryKind.Wildcard: list._suffixes.Add("." + entry.Value); break;
                default: list._exact.Add(entry.Value); break;
            }
        }
        return list;
    }

    /// <summary>Whether the operator's <c>[net_allow_list]</c> narrowed the tool's declared list to this one.</summary>
    public bool NarrowedByOperator { get; private init; }

    /// <summary>Whether the list has any entry at all.</summary>
    public bool IsEmpty => _exact.Count == 0 && _suffixes.Count == 0 && _addresses.Count == 0;

    /// <summary>Whether the host name (already ASCII or IDN, any case, maybe with a trailing dot) is on the list.</summary>
    public bool AllowsName(string host)
    {
        if (NormalizeName(host) is not { } name) return false;
        if (_exact.Contains(name)) return true;
        foreach (var suffix in _suffixes)
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Whether the address was listed literally.</summary>
    public bool AllowsAddress(IPAddress address) => _addresses.Contains(address);

    /// <summary>Lowercase punycode without a trailing dot; null when it is not a usable DNS name.</summary>
    public static string? NormalizeName(string host)
    {
        var name = (host.EndsWith('.') ? host[..^1] : host).ToLowerInvariant();
        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal)) return null;
        try
        {
            name = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
        return name.ToLowerInvariant();
    }
}
