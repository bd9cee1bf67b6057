namespace Kami.Core.Security.Network;

/// <summary>
/// One hop of an outbound request: the first request or a redirect the host followed, as the runtime records it and
/// the audit log keeps it. The host only (never the path, query, userinfo or a header: they can carry data or a
/// credential); <paramref name="Contacted"/> is false when the policy refused the hop before anything was sent; the
/// status, or <paramref name="Error"/> as the kami:http error case (denied, unreachable, timeout, too-large, invalid);
/// and the body bytes each way: sent, and received as far as they were read (a body cut short as too large counts
/// what was read before it was stopped).
/// </summary>
public sealed record HttpHop(string Method, string Host, bool Contacted, int? Status, string? Error, long BytesSent, long BytesReceived);
