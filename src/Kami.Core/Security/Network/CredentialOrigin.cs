using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Kami.Core.Security.Network;

/// <summary>
/// Where one <c>net_credentials</c> entry may be sent: one host on one port, never a host on any port. On a shared or
/// loopback host another port is another service, maybe another user's. A key without a port
/// (<c>"api.example.com"</c>) means the default port of the request's scheme (https 443, http 80); <c>"host:port"</c>
/// (<c>"localhost:8443"</c>, <c>"[::1]:8443"</c>) means that port only. The host is written as a
/// <c>net_allow_list</c> entry is (a name, a canonical IPv4 address, an IPv6 address in brackets), never a wildcard.
/// </summary>
public sealed record CredentialOrigin
{
    internal CredentialOrigin(string host, int? port)
    {
        Host = host;
        Port = port;
    }

    /// <summary>The host in canonical form: a lowercase punycode name, or an address as <see cref="IPAddress.ToString"/> writes it.</summary>
    public string Host { get; }

    /// <summary>The port the key names; null for the default port of the request's scheme.</summary>
    public int? Port { get; }

    /// <summary>The key in canonical form, as <c>kami inspect</c> shows it: <c>host</c>, <c>host:port</c>, <c>[v6]:port</c>.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return Port is { } port ? $"{host}:{port.ToString(CultureInfo.InvariantCulture)}" : host;
    }

    /// <summary>The host of <paramref name="target"/> in the canonical form <see cref="Host"/> is kept in.</summary>
    internal static string HostOf(Uri target) => target.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        ? IPAddress.Parse(target.Host.Trim('[', ']')).ToString()
        : HostAllowList.NormalizeName(target.IdnHost) ?? target.IdnHost;

    /// <summary>Parses a key; throws <see cref="Errors.KamiException"/> (<see cref="Errors.ErrorKind.InvalidInput"/>) saying what is wrong with it.</summary>
    public static CredentialOrigin Parse(string key) =>
        TryParse(key, out var origin, out var error) ? origin : throw new Errors.KamiException(Errors.ErrorKind.InvalidInput, $"\"{key}\" {error}");

    /// <summary>Parses a key; when it is not valid, returns false with <paramref name="error"/> saying why and what to write.</summary>
    public static bool TryParse(string key, [NotNullWhen(true)] out CredentialOrigin? origin, [NotNullWhen(false)] out string? error)
    {
        origin = null;
        error = Split(key, out var host, out var port);
        if (error is not null) return false;
        if (host.Length == 0) error = "has no host; write a host (api.example.com) or a host and port (localhost:8443)";
        else if (host.Contains('*', StringComparison.Ordinal)) error = "is a wildcard; a credential goes to one host, so name it";
        else if (AllowListEntry.Parse(host, out var why) is not { } entry) error = $"has a host that {why}";
        else origin = new CredentialOrigin(entry.Value, port);
        return origin is not null;
    }

    /// <summary>The host (brackets kept for an IPv6 address) and the port, or why the key cannot be split into them.</summary>
    private static string? Split(string key, out string host, out int? port)
    {
        host = key;
        port = null;
        if (key.Length == 0) return "is empty; write a host (api.example.com) or a host and port (localhost:8443)";
        if (key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return "contains spaces or control characters";
        if (key.IndexOfAny(['/', '\\', '@', '?', '#']) >= 0)
            return "is a URL, not a host: write the host alone (api.example.com) or with its port (localhost:8443)";
        int colon;
        if (key.StartsWith('['))
        {
            var close = key.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return "has no ']' closing its IPv6 address; write [::1] or [::1]:8443";
            host = key[..(close + 1)];
            if (!IPAddress.TryParse(key[1..close], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                return $"has {host}, which is not an IPv6 address; only an IPv6 address is written in brackets ([::1], [::1]:8443)";
            if (close == key.Length - 1) return null;
            if (key[close + 1] != ':') return "has something after its IPv6 address that is not :port; write [::1] or [::1]:8443";
            colon = close + 1;
        }
        else
        {
            colon = key.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) return null;
            // "::1:8443" is both an address and an address with a port: brackets say which is meant.
            if (key.IndexOf(':', colon + 1) >= 0) return "is an IPv6 address without brackets; write [::1] for its default port or [::1]:8443 for another";
            host = key[..colon];
        }
        var digits = key[(colon + 1)..];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            return $"has port \"{digits}\"; a port is a number from 1 to 65535 (or leave it out for the scheme's default: https 443, http 80)";
        port = number;
        return null;
    }
}
