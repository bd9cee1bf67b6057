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
}
