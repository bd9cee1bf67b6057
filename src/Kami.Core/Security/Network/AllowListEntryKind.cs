namespace Kami.Core.Security.Network;

/// <summary>What an allow-list entry matches.</summary>
public enum AllowListEntryKind
{
    /// <summary>Exactly one host name.</summary>
    Name,

    /// <summary><c>*.example.com</c>: every name under the suffix, never the suffix itself.</summary>
    Wildcard,

    /// <summary>An IP address, matched only by a URL that names that address literally.</summary>
    Address,
}
