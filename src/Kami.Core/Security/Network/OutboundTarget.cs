using System.Net;

namespace Kami.Core.Security.Network;

/// <summary>
/// Checks a URL a tool wants to reach before anything is resolved or sent: absolute, http or https, no user info,
/// an IP address only in its canonical spelling, and a host on the tool's allow-list. The addresses the name
/// resolves to are checked later, at connect time (see <see cref="AddressClassifier"/>).
/// </summary>
public static class OutboundTarget
{
    /// <summary>Null when <paramref name="url"/> may be requested (with the parsed <paramref name="uri"/>); otherwise why not.</summary>
    public static OutboundRefusal? Check(string url, HostAllowList allowList, out Uri uri)
    {
        uri = null!;
        if (url.Length > 8 * 1024) return OutboundRefusal.Malformed("the URL is longer than 8 KiB");
        if (url.Any(c => char.IsControl(c) || c == ' ')) return OutboundRefusal.Malformed("the URL contains spaces or control characters");
        // Uri on Unix reads "/path" as file:///path; a URL a tool sends must say its scheme.
        if (!url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
            return OutboundRefusal.Malformed($"\"{Shorten(url)}\" is not an absolute URL");
        if (parsed.Scheme is not ("http" or "https") || parsed.IsFile || parsed.IsUnc)
            return OutboundRefusal.Denied($"scheme \"{parsed.Scheme}\" is not allowed; only http and https are");
        if (parsed.UserInfo.Length > 0 || RawAuthority(url).Contains('@', StringComparison.Ordinal))
            return OutboundRefusal.Denied("URLs with user info (user@host) are not allowed; send credentials in a header");
        var rawHost = RawHost(url);
        switch (parsed.HostNameType)
        {
            case UriHostNameType.IPv4:
            case UriHostNameType.IPv6:
                var address = IPAddress.Parse(parsed.Host.Trim('[', ']'));
                // Decimal, hex, octal and short forms (2130706433, 0x7f.1, 127.1) are refused outright, whatever the list says.
                if (!string.Equals(rawHost.Trim('[', ']'), address.ToString(), StringComparison.OrdinalIgnoreCase))
                    return OutboundRefusal.Denied($"\"{Shorten(rawHost)}\" is not a canonical IP address; write it as {address}");
                if (!allowList.AllowsAddress(address))
                    return OutboundRefusal.Denied($"{address} is not on the tool's net_allow_list{ListHint(allowList)}");
                break;
            case UriHostNameType.Dns:
                var host = parsed.IdnHost;
                if (!string.Equals(HostAllowList.NormalizeName(rawHost), HostAllowList.NormalizeName(host), StringComparison.Ordinal))
                    return OutboundRefusal.Malformed($"the host of \"{Shorten(url)}\" is ambiguous");
                if (!allowList.AllowsName(host))
                    return OutboundRefusal.Denied($"host {HostAllowList.NormalizeName(host) ?? host} is not on the tool's net_allow_list{ListHint(allowList)}");
                break;
            default:
                return OutboundRefusal.Malformed($"\"{Shorten(url)}\" has no usable host");
        }
        uri = parsed;
        return null;
    }

    private static string ListHint(HostAllowList list) => (list.NarrowedByOperator, list.IsEmpty) switch
    {
        (true, true) => " (the operator's [net_allow_list] in config.toml leaves this tool no hosts)",
        (true, false) => " as narrowed by the operator's [net_allow_list] in config.toml",
        (false, true) => " (the tool declares no hosts)",
        _ => "",
    };

    /// <summary>The authority as written: after "scheme://", up to the first '/', '\', '?' or '#'.</summary>
    private static string RawAuthority(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0) return "";
        start += 3;
        var end = url.IndexOfAny(['/', '\\', '?', '#'], start);
        return end < 0 ? url[start..] : url[start..end];
    }

    /// <summary>The host as written (no user info, no port), to compare with what <see cref="Uri"/> made of it.</summary>
    private static string RawHost(string url)
    {
        var authority = RawAuthority(url);
        var at = authority.LastIndexOf('@');
        if (at >= 0) authority = authority[(at + 1)..];
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? authority : authority[..(close + 1)];
        }
        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? authority : authority[..colon];
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
