namespace Kami.Core.Identity;

/// <summary>How a caller proved who it is.</summary>
public enum CallerKind
{
    /// <summary>The server token, stdio, or <c>--no-auth</c> on loopback: whoever runs the server. Every tool, no quota.</summary>
    Operator,
    /// <summary>A named client's token (<c>kami client add</c>).</summary>
    Client,
    /// <summary>An OAuth 2.1 access token from the configured issuer.</summary>
    OAuth,
}
