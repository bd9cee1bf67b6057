namespace Kami.Core.Registry;

/// <summary>
/// The outbound HTTP of one audited call: totals over every request, and the requests themselves, bounded in number
/// (so <see cref="Requests"/> can be more than <see cref="Entries"/> holds, when the operator allows more per call).
/// </summary>
public sealed record HttpCallSummary(int Requests, long BytesSent, long BytesReceived, IReadOnlyList<HttpRequestRecord> Entries);
