namespace Kami.Runtime.Http;

/// <summary>Which request headers a tool may set: none that frame the message, pick the host or reach a proxy.</summary>
internal static class RequestHeaders
{
    /// <summary>Headers per request, and their total size: servers refuse far less than this anyway.</summary>
    public const int MaxCount = 100;
    public const int MaxBytes = 64 * 1024;

    private static readonly HashSet<string> Forbidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "content-length", "transfer-encoding", "upgrade", "te", "trailer", "expect", "keep-alive",
    };

    /// <summary>Null when the header may be sent; otherwise why not.</summary>
    public static string? Refusal(string name, string value)
    {
        if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".Contains(c)))
            return $"header name \"{Shorten(name)}\" is not a valid HTTP token";
        if (Forbidden.Contains(name) || name.StartsWith("proxy-", StringComparison.OrdinalIgnoreCase))
            return $"header {name} is set by the host; a tool may not set it";
        if (value.Any(c => c is '\r' or '\n' or '\0'))
            return $"header {name} has a line break or NUL in its value";
        // RFC 9110 field values: visible ASCII, space and tab. Other control characters confuse servers and proxies, and
        // .NET would fail the send over a non-ASCII one after the connection is made.
        if (value.FirstOrDefault(c => (c < ' ' && c != '\t') || c >= 0x7f) is var bad and not '\0')
            return $"header {name} has the character U+{(int)bad:X4} in its value; only visible ASCII, spaces and tabs are allowed (percent-encode or RFC 8187-encode the rest)";
        return null;
    }

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";

    /// <summary>Headers that carry the tool's own secrets: they go to the origin the tool named, not across a redirect to another.</summary>
    private static readonly HashSet<string> Secrets = new(["Authorization", "Cookie"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b) => Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary><paramref name="headers"/> without Authorization and Cookie (the same list when it has neither).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> WithoutSecrets(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        headers.Any(h => Secrets.Contains(h.Key)) ? [.. headers.Where(h => !Secrets.Contains(h.Key))] : headers;
}
