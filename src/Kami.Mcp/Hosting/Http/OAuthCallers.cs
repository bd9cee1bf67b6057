using System.Security.Claims;
using Kami.Core.Identity;

namespace Kami.Mcp.Hosting.Http;

/// <summary>
/// An access token's caller: its subject and client, and the tools its scopes grant (none when no scope maps). Without
/// <c>oauth_scopes</c> every token the issuer made for this audience may use every tool, as the server token may: the
/// operator chose the issuer and the audience, and has not asked for finer grants.
/// </summary>
internal static class OAuthCallers
{
    public static Caller? From(ClaimsPrincipal principal, OAuthOptions oauth)
    {
        var subject = principal.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(subject)) return null;
        var clientId = principal.FindFirst("client_id")?.Value ?? principal.FindFirst("azp")?.Value;
        var access = oauth.Scopes.Count == 0 ? ToolAccess.All : ToolAccess.None;
        foreach (var scope in Scopes(principal))
            if (oauth.Scopes.TryGetValue(scope, out var granted)) access = access.Union(granted);
        return Caller.OAuth(Printable(subject), clientId is null ? null : Printable(clientId), access, oauth.Quota);
    }

    // "scope" is one space-separated string (RFC 9068); some issuers send "scp", as a string or one claim per scope.
    private static IEnumerable<string> Scopes(ClaimsPrincipal principal) =>
        principal.FindAll(c => c.Type is "scope" or "scp")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal);

    // The subject goes into the audit log and messages: keep it short and free of control characters.
    private static string Printable(string value)
    {
        var cleaned = new string([.. value.Where(c => !char.IsControl(c))]);
        return cleaned.Length <= 128 ? cleaned : cleaned[..128] + "…";
    }
}
