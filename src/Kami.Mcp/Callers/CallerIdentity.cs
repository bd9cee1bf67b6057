using System.Security.Claims;
using Kami.Core.Identity;

namespace Kami.Mcp.Callers;

/// <summary>
/// The identity KAMI's HTTP auth adds to a request's user once it knows the caller. The SDK hands the same user to
/// every handler (<c>RequestContext.User</c>), so the caller travels with the request without a lookup. The name
/// identifier claim is what the SDK binds a session to, so one caller cannot use another's session.
/// </summary>
internal sealed class CallerIdentity : ClaimsIdentity
{
    /// <summary>The authentication type KAMI's identities carry.</summary>
    public const string AuthenticationTypeName = "kami";

    public CallerIdentity(Caller caller)
        : base([new Claim(ClaimTypes.NameIdentifier, caller.QuotaKey), new Claim(ClaimTypes.Name, caller.Name)], AuthenticationTypeName)
    {
        Caller = caller;
    }

    public Caller Caller { get; }
}
