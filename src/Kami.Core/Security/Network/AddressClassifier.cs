using System.Net;
using System.Net.Sockets;

namespace Kami.Core.Security.Network;

/// <summary>
/// Says which addresses are not on the public internet: loopback, private, link-local (cloud metadata at
/// 169.254.169.254), CGNAT, unspecified, multicast, documentation and other reserved ranges, and the IPv6 forms that
/// embed an IPv4 address (mapped, compatible, 6to4, NAT64, Teredo), which are judged by the address inside or refused.
/// </summary>
public static class AddressClassifier
{
    private static readonly (IPNetwork Network, string Why)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (\"this network\") address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT (100.64.0.0/10) address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (incl. cloud metadata 169.254.169.254)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved (IETF protocol) address"),
        (IPNetwork.Parse("192.0.2.0/24"), "a reserved (documentation) address"),
        (IPNetwork.Parse("192.88.99.0/24"), "a reserved (6to4 relay) address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a reserved (benchmarking) address"),
        (IPNetwork.Parse("198.51.100.0/24"), "a reserved (documentation) address"),
        (IPNetwork.Parse("203.0.113.0/24"), "a reserved (documentation) address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address (incl. broadcast)"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("::/96"), "an IPv4-compatible IPv6 address"),
        (IPNetwork.Parse("64:ff9b::/96"), "a NAT64 address (it embeds an IPv4 address)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a NAT64 address (it embeds an IPv4 address)"),
        (IPNetwork.Parse("100::/64"), "a reserved (discard) address"),
        (IPNetwork.Parse("2001::/32"), "a Teredo address (it embeds an IPv4 address)"),
        (IPNetwork.Parse("2001:db8::/32"), "a reserved (documentation) address"),
        (IPNetwork.Parse("2002::/16"), "a 6to4 address (it embeds an IPv4 address)"),
        (IPNetwork.Parse("fc00::/7"), "a private (unique local, fc00::/7) address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a reserved (site-local) address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    /// <summary>Null for a public address; otherwise what kind of non-public address it is, for a refusal message.</summary>
    public static string? WhyNotPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            var inner = address.MapToIPv4();
            return WhyNotPublic(inner) is { } why ? $"an IPv4-mapped form of {why}" : null;
        }
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)) return "not an IP address";
        var plain = address.AddressFamily == AddressFamily.InterNetwork || address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
        foreach (var (network, why) in Ranges)
            if (network.Contains(plain)) return why;
        return null;
    }

    /// <summary>The address the check judges: an IPv4-mapped IPv6 address is the IPv4 address inside it.</summary>
    public static IPAddress Effective(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
