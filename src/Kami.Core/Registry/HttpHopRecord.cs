namespace Kami.Core.Registry;

/// <summary>
/// One hop of an audited outbound request: the first request or a redirect. The host only (never a path, query,
/// userinfo or header value); <paramref name="Contacted"/> is false when the policy refused the hop before anything
/// was sent; the status, or <paramref name="Error"/> as the kami:http error case (denied, unreachable, timeout,
/// too-large, invalid); request and response body bytes (the response as far as it was read).
/// </summary>
public sealed record HttpHopRecord(string Method, string Host, bool Contacted, int? Status, string? Error, long BytesSent, long BytesReceived);
