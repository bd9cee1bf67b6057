using System.Net;

namespace Kami.Core.Security.Network;

/// <summary>
/// The operator's <c>net_allow_private</c>: networks (CIDR or single addresses) and host names whose non-public
/// addresses tools may still reach, e.g. an internal API. Empty by default: no tool reaches a private address.
/// </summary>
public sealed class PrivateNetworkAllowance : IEquatable<PrivateNetworkAllowance>
{
    private readonly List<IPNetwork> _networks = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    private PrivateNetworkAllowance() { }

    /// <summary>Nothing private is reachable.</summary>
    public static PrivateNetworkAllowance None { get; } = new();

    /// <summary>The entries as written by the operator (for display).</summary>
    public IReadOnlyList<string> Entries { get; private init; } = [];

    /// <summary>Parses entries; one that is neither a CIDR, an address nor a host name throws <see cref="FormatException"/> naming it.</summary>
    public static PrivateNetworkAllowance Parse(IEnumerable<string> entries)
    {
        var kept = entries.Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        var allowance = new PrivateNetworkAllowance { Entries = kept };
        foreach (var entry in kept)
        {
            var bare = entry.StartsWith('[') && entry.EndsWith(']') ? entry[1..^1] : entry;
            if (IPNetwork.TryParse(bare, out var network)) allowance._networks.Add(network);
            else if (IPAddress.TryParse(bare, out var address) && string.Equals(address.ToString(), bare, StringComparison.OrdinalIgnoreCase))
                allowance._networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            else if (!bare.Contains('/', StringComparison.Ordinal) && HostAllowList.NormalizeName(bare) is { } name) allowance._names.Add(name);
            else throw new FormatException($"net_allow_private entry \"{entry}\" is not a CIDR (10.0.0.0/8), an address or a host name");
        }
        return allowance;
    }

    /// <summary>Same entries in the same order (options built from the same settings compare equal).</summary>
    public bool Equals(PrivateNetworkAllowance? other) => other is not null && Entries.SequenceEqual(other.Entries, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PrivateNetworkAllowance);

    /// <inheritdoc />
    public override int GetHashCode() => Entries.Count;

    /// <summary>Whether a connection to <paramref name="address"/>, resolved for <paramref name="host"/>, is allowed though the address is not public.</summary>
    public bool Covers(string host, IPAddress address)
    {
        if (HostAllowList.NormalizeName(host) is { } name && _names.Contains(name)) return true;
        var effective = AddressClassifier.Effective(address);
        foreach (var network in _networks)
            if (network.Contains(effective) || network.Contains(address)) return true;
        return false;
    }
}
