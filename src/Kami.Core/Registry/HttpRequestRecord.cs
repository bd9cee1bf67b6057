using Kami.Core.Security.Network;

namespace Kami.Core.Registry;

/// <summary>One outbound request of an audited call (one fetch), as its hops in order; never empty.</summary>
public sealed record HttpRequestRecord(IReadOnlyList<HttpHop> Hops);
