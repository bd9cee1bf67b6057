namespace Kami.Core.Identity;

/// <summary>
/// Who makes a request: what the audit log names, the tools it may see and call, and the quota it is held to.
/// </summary>
/// <param name="Kind">How it proved who it is.</param>
/// <param name="Name">What the audit log shows: the client's name, <c>operator</c>, or <c>oauth:SUBJECT (CLIENT_ID)</c>.</param>
/// <param name="Tools">The tools it may see and call.</param>
/// <param name="Quota">Its limits.</param>
public sealed record Caller(CallerKind Kind, string Name, ToolAccess Tools, ClientQuota Quota)
{
    /// <summary>The server's operator: every tool, no quota.</summary>
    public static Caller Operator { get; } = new(CallerKind.Operator, ClientName.Operator, ToolAccess.All, ClientQuota.Unlimited);

    /// <summary>A named client.</summary>
    public static Caller Of(Client client) => new(CallerKind.Client, client.Name, client.Tools, client.Quota);

    /// <summary>An OAuth caller: <paramref name="subject"/> (the token's <c>sub</c>) through <paramref name="clientId"/> (its <c>client_id</c> or <c>azp</c>).</summary>
    public static Caller OAuth(string subject, string? clientId, ToolAccess tools, ClientQuota quota) =>
        new(CallerKind.OAuth, clientId is { Length: > 0 } ? $"oauth:{subject} ({clientId})" : $"oauth:{subject}", tools, quota);

    /// <summary>What quota counters are kept under: one caller, whichever replica serves it.</summary>
    public string QuotaKey => Kind switch
    {
        CallerKind.Client => "client:" + Name.ToLowerInvariant(),
        _ => Name,
    };
}
