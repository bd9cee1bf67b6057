using Kami.Core.Errors;

namespace Kami.Runtime.Execution;

/// <summary>
/// What one call produced. <see cref="Ok"/> with <see cref="Output"/>, or an error with its kind and a message
/// written for the person or model that will read it. Metrics are filled in either way. <see cref="Limit"/> says
/// which sandbox limit stopped the call, when one did.
/// </summary>
public sealed record ExecutionResult(bool Ok, string? Output, ErrorKind? ErrorKind, string? Error, ExecutionMetrics Metrics)
{
    /// <summary>The sandbox limit that stopped the call, or null when none did (success included).</summary>
    public ResourceLimit? Limit { get; init; }

    /// <summary>A call that returned <paramref name="output"/> (the tool's result text, as it returned it).</summary>
    public static ExecutionResult Success(string output, ExecutionMetrics metrics) => new(true, output, null, null, metrics);

    /// <summary>A failed call; <paramref name="error"/> reaches the client, so it must not carry host paths or secrets.</summary>
    public static ExecutionResult Failure(ErrorKind kind, string error, ExecutionMetrics metrics) => new(false, null, kind, error, metrics);

    /// <summary>A call cancelled before it ran or while it waited, in the one wording every layer uses.</summary>
    public static ExecutionResult Cancelled(string toolId) => Failure(GuestErrors.Cancelled(toolId), ExecutionMetrics.Empty);

    /// <summary>A failed call, with the exception's kind and message and, for a <see cref="LimitExceededException"/>, its limit.</summary>
    public static ExecutionResult Failure(KamiException error, ExecutionMetrics metrics) =>
        new(false, null, error.Kind, error.Message, metrics) { Limit = (error as LimitExceededException)?.Limit };
}
