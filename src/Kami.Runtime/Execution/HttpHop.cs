namespace Kami.Runtime.Execution;

/// <summary>
/// One hop of an outbound request: the first request or a redirect the host followed. Records the host (never the
/// path, query, userinfo or a header: they can carry data or a credential), whether a connection was made
/// (<paramref name="Contacted"/> is false when the policy refused the hop before anything was sent), the status or the
/// error case, and the body bytes each way: sent, and received as far as they were read (a body cut short as too
/// large counts what was read before it was stopped).
/// </summary>
public sealed record HttpHop(string Method, string Host, bool Contacted, int? Status, string? Error, long BytesSent, long BytesReceived);
