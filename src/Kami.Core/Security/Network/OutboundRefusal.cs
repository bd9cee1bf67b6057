namespace Kami.Core.Security.Network;

/// <summary>Why an outbound request was not sent: <see cref="Invalid"/> for a malformed request, else the policy denied it.</summary>
public sealed record OutboundRefusal(bool Invalid, string Reason)
{
    /// <summary>The policy refused it.</summary>
    public static OutboundRefusal Denied(string reason) => new(false, reason);

    /// <summary>The request is malformed or sets what a tool may not set.</summary>
    public static OutboundRefusal Malformed(string reason) => new(true, reason);
}
