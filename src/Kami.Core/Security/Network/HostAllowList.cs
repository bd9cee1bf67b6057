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

    /// <summary>Builds the matcher; entries that are neither a name, a wildcard nor a canonical address are ignored (they match nothing).</summary>
    public static HostAllowList From(IEnumerable<string> entries)
    {
        var list = new HostAllowList();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.StartsWith('[') && entry.EndsWith(']')) entry = entry[1..^1];
            if (IPAddress.TryParse(entry, out var address))
            {
                // Only the canonical spelling counts, so "127.1" or "0x7f.0.0.1" in a manifest never reads as an address.
                if (string.Equals(address.ToString(), entry, StringComparison.OrdinalIgnoreCase)) list._addresses.Add(address);
                continue;
            }
            var wildcard = entry.StartsWith("*.", StringComparison.Ordinal);
            if (NormalizeName(wildcard ? entry[2..] : entry) is not { } name) continue;
            if (wildcard) list._suffixes.Add("." + name);
            else list._exact.Add(name);
        }
        return list;
    }

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
