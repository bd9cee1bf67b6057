using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kami.Core.Security.Network;

/// <summary>
/// One <c>net_allow_list</c> entry in its canonical form, the one spelling manifests store, <see cref="HostAllowList"/>
/// matches and operator narrowing compares: a name as lowercase punycode without a trailing dot, a wildcard as
/// <c>*.</c> + such a name, an IPv4 address dotted-quad as written (a short, octal or hex form is refused, never
/// reinterpreted), an IPv6 address compressed and unbracketed (RFC 5952, as <see cref="IPAddress.ToString"/> writes it).
/// </summary>
public sealed record AllowListEntry
{
    private AllowListEntry(AllowListEntryKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>What the entry matches.</summary>
    public AllowListEntryKind Kind { get; }

    /// <summary>The name, the wildcard's suffix (without <c>*.</c>) or the address, canonical.</summary>
    public string Value { get; }

    /// <summary>The canonical spelling (<c>*.</c> + suffix for a wildcard).</summary>
    public string Text => Kind == AllowListEntryKind.Wildcard ? "*." + Value : Value;

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>The entry in canonical form, or null with <paramref name="error"/> saying what is wrong with it and what to write.</summary>
    public static AllowListEntry? Parse(string raw, out string? error)
    {
        error = null;
        if (raw.Length == 0) return Fail("is empty; write a host name (api.example.com), a wildcard (*.example.com) or an IP address", out error);
        if (raw.Length > 255) return Fail("is longer than 255 characters", out error);
        if (raw.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return Fail("contains spaces or control characters", out error);
        if (raw.Contains("://", StringComparison.Ordinal) || raw.IndexOfAny(['/', '\\', '@', '?', '#']) >= 0)
            return Fail("is a URL, not a host: write the host alone, without a scheme, user info, path or query", out error);

        if (raw.StartsWith('['))
        {
            if (!raw.EndsWith(']') || !IPAddress.TryParse(raw[1..^1], out var bracketed) || bracketed.AddressFamily != AddressFamily.InterNetworkV6)
                return Fail("is not an IPv6 address in brackets (e.g. [2001:db8::1]); a port is not part of an entry", out error);
            return Address(bracketed, raw[1..^1], out error);
        }
        if (raw.Contains(':', StringComparison.Ordinal))
        {
            if (IPAddress.TryParse(raw, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6) return Address(v6, raw, out error);
            return Fail("has a port or is not an IPv6 address; write the host alone (api.example.com) or an IPv6 address (2001:db8::1)", out error);
        }
        if (IPAddress.TryParse(raw, out var v4))
        {
            // "127.1", "0x7f.0.0.1", "2130706433" are 127.0.0.1 to some parsers and names to others: refused, never guessed.
            if (!string.Equals(v4.ToString(), raw, StringComparison.Ordinal))
                return Fail($"is not a canonical IPv4 address; write it as {v4}", out error);
            return new AllowListEntry(AllowListEntryKind.Address, raw);
        }

        var wildcard = raw.StartsWith("*.", StringComparison.Ordinal);
        var rest = wildcard ? raw[2..] : raw;
        if (rest.Contains('*', StringComparison.Ordinal))
            return Fail("has a '*' that is not a leading '*.' (only *.example.com wildcards are allowed, and '*' alone is not)", out error);
        if (wildcard && IPAddress.TryParse(rest.TrimEnd('.'), out _))
            return Fail("is a wildcard over an IP address; list the address itself", out error);
        if (HostAllowList.NormalizeName(rest) is not { } name || !IsDnsName(name))
            return Fail("is not a host name: labels of letters, digits and '-' (not first or last), 1-63 characters each, separated by single dots (non-ASCII names are fine)", out error);
        if (IPAddress.TryParse(name, out _)) return Fail("is an IP address in another spelling; write it as a plain address", out error);
        return new AllowListEntry(wildcard ? AllowListEntryKind.Wildcard : AllowListEntryKind.Name, name);
    }

    /// <summary>Whether every host this entry matches, <paramref name="other"/> matches too, i.e. <paramref name="other"/> is within this one.</summary>
    public bool Covers(AllowListEntry other) => (Kind, other.Kind) switch
    {
        (AllowListEntryKind.Wildcard, AllowListEntryKind.Name or AllowListEntryKind.Wildcard) =>
            other.Value == Value && other.Kind == AllowListEntryKind.Wildcard || other.Value.EndsWith("." + Value, StringComparison.Ordinal),
        _ => Kind == other.Kind && Value == other.Value,
    };

    private static AllowListEntry? Address(IPAddress address, string written, out string? error)
    {
        error = null;
        if (written.Contains('%', StringComparison.Ordinal) || address.ScopeId != 0)
            return Fail("has a zone (%eth0); zones are local to one machine, list the address alone", out error);
        if (address.IsIPv4MappedToIPv6)
            return Fail($"is an IPv4-mapped IPv6 address; list the IPv4 address {address.MapToIPv4()} instead", out error);
        return new AllowListEntry(AllowListEntryKind.Address, address.ToString());
    }

    private static bool IsDnsName(string name) =>
        name.Length <= 253 && name.Split('.').All(label => label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
            && label.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'));

    private static AllowListEntry? Fail(string why, out string? error)
    {
        error = why;
        return null;
    }
}
