namespace Kami.Core.Security.Network;

/// <summary>
/// A header the host adds to a tool's requests to one host and port (<c>net_credentials</c>, see
/// <see cref="CredentialOrigin"/>), replacing any header of that name the tool set. The tool never sees
/// <see cref="Value"/>; <see cref="ToString"/> never shows it.
/// </summary>
public sealed record NetCredential(string Header, string Value)
{
    /// <summary>Names the header only, so a credential logged or shown by mistake does not leak.</summary>
    public override string ToString() => $"{Header}: (secret)";
}
