namespace Kami.Runtime.Execution;

/// <summary>
/// One outbound request of a call, for audit and metrics: the host asked for (not the path or query, which may
/// carry data; never a header), the status or the error case, and the body bytes each way.
/// </summary>
public sealed record HttpExchange(string Method, string Host, int? Status, string? Error, long BytesSent, long BytesReceived);
