namespace Kami.Cli.Configuration;

/// <summary>
/// A <c>net_credentials</c> table's tool and host keys as configuration key segments. Configuration splits keys at ':',
/// and <c>"localhost:8443"</c> or <c>"[::1]:8443"</c> must stay one segment, so each is percent-escaped on the way in
/// and unescaped exactly on the way out.
/// </summary>
internal static class CredentialKey
{
    public static string Escape(string key) => Uri.EscapeDataString(key);

    public static string Unescape(string segment) => Uri.UnescapeDataString(segment);
}
