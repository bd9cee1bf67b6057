using System.Security.Claims;
using Kami.Core.Identity;

namespace Kami.Mcp.Callers;

/// <summary>Who made a request, from the user the MCP SDK hands each handler.</summary>
internal static class CallerClaims
{
    /// <summary>
    /// The caller KAMI's HTTP auth attached; the operator when there is none: stdio and <c>--no-auth</c> (loopback only)
    /// have no credential, and whoever can reach them runs the server. With auth on, a request reaches MCP only once
    /// the auth has attached a caller.
    /// </summary>
    public static Caller Of(ClaimsPrincipal? user)
    {
        if (user is not null)
            foreach (var identity in user.Identities)
                if (identity is CallerIdentity known) return known.Caller;
        return Caller.Operator;
    }

    /// <summary>A user that carries <paramref name="caller"/>.</summary>
    public static ClaimsPrincipal PrincipalFor(Caller caller) => new(new CallerIdentity(caller));
}
