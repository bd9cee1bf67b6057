using Kami.Core.Errors;

namespace Kami.Runtime.Execution;

/// <summary>
/// What one call produced. <see cref="Ok"/> with <see cref="Output"/>, or an error with its kind and a message
/// written for the person or model that will read it. Metrics are filled in either way. <see cref="Limit"/> says
/// which sandbox limit stopped the call, when one did.
/// </summary>
public sealed record ExecutionResult(bool Ok, string? Output, ErrorKind? ErrorKind, string? Error, ExecutionMetrics Metrics)
{
    public ResourceLimit? Limit { get; init; }

    public static ExecutionResult Success(string output, ExecutionMetrics metrics) => new(true, output, null, null, metrics);

    public static ExecutionResult Failure(ErrorKind kind, string error, ExecutionMetrics metrics) => new(false, null, kind, error, metrics);

    /// <summary>A call cancelled before it ran or while it waited, in the one wording every layer uses.</summary>
    public static ExecutionResult Cancelled(string toolId) => Failure(GuestErrors.Cancelled(toolId), ExecutionMetrics.Empty);

    public static ExecutionResult Failure(KamiException error, ExecutionMetrics metrics) =>
        new(false, null, error.Kind, error.Message, metrics) { Limit = (error as LimitExceededException)?.Limit };
}
