namespace Kami.Core.Identity;

/// <summary>
/// A named client of <c>kami serve --http</c>: the tools it may use, its quota, and the hash of its token (the token
/// itself is shown once, when made, and never stored).
/// </summary>
public sealed record Client(string Name, ToolAccess Tools, ClientQuota Quota, string TokenHash, DateTimeOffset CreatedAt);
