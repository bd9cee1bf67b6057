namespace Kami.Core.Security.Network;

/// <summary>
/// A tool's <c>net_allow_list</c> after the operator's override: <see cref="Effective"/> is what the tool may reach,
/// <see cref="Dropped"/> the operator entries that matched nothing the tool declared (an override cannot widen).
/// </summary>
public sealed record NarrowedAllowList(IReadOnlyList<string> Effective, IReadOnlyList<string> Dropped);
