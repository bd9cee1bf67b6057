namespace Kami.Core.Registry;

/// <summary>The audit record of one tool call. Arguments are kept only when the operator opts in.</summary>
public sealed record CallRecord(
    string ToolId,
    DateTimeOffset StartedAt,
    double DurationMs,
    string Outcome,
    ulong FuelUsed,
    string? Error,
    string? Arguments,
    string Transport)
{
    /// <summary>The call's outbound HTTP (hosts, statuses, bytes); null when it made no request.</summary>
    public HttpCallSummary? Http { get; init; }

    /// <summary>Which replica of a fleet served the call (the <c>replica_id</c> setting); null in a single machine's log.</summary>
    public string? ReplicaId { get; init; }

    /// <summary>Who made the call: a client's name, <c>operator</c> (the server token, stdio), or <c>oauth:SUBJECT (CLIENT_ID)</c>; null in records older than callers.</summary>
    public string? Caller { get; init; }
}
