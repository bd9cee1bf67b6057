using Kami.Core.Errors;

namespace Kami.Runtime.Contracts;

/// <summary>
/// What one call produced: exactly one of <see cref="Succeeded"/> (the tool's output) or <see cref="Failed"/> (an
/// <see cref="ExecutionError"/>), with the call's metrics either way. Closed: the constructor is private, so a
/// switch over the two cases is complete and no layer has to guess at a half-filled result.
/// </summary>
public abstract class ExecutionResult
{
    private ExecutionResult(ExecutionMetrics metrics) => Metrics = metrics;

    /// <summary>Cost of the call; <see cref="ExecutionMetrics.Empty"/> when it failed before a guest ran.</summary>
    public ExecutionMetrics Metrics { get; }

    /// <summary>A call that returned <paramref name="output"/> (the tool's result text, as it returned it).</summary>
    public static ExecutionResult Success(string output, ExecutionMetrics metrics) => new Succeeded(output, [], metrics);

    /// <summary>A call that returned <paramref name="output"/> after adding <paramref name="content"/> (kami:mcp/content).</summary>
    public static ExecutionResult Success(string output, IReadOnlyList<ContentBlock> content, ExecutionMetrics metrics) => new Succeeded(output, content, metrics);

    /// <summary>A failed call; the error's message reaches the client, so it must not carry host paths or secrets.</summary>
    public static ExecutionResult Failure(ExecutionError error, ExecutionMetrics metrics) => new Failed(error, metrics);

    /// <summary>A call cancelled before it ran or while it waited, in the one wording every layer uses.</summary>
    public static ExecutionResult Cancelled(string toolId) => Failure(GuestErrors.Cancelled(toolId), ExecutionMetrics.Empty);

    /// <summary>The tool returned ok with <see cref="Output"/>.</summary>
    public sealed class Succeeded : ExecutionResult
    {
        internal Succeeded(string output, IReadOnlyList<ContentBlock> content, ExecutionMetrics metrics) : base(metrics)
        {
            Output = output;
            Content = content;
        }

        /// <summary>The tool's result text, as it returned it.</summary>
        public string Output { get; }

        /// <summary>Blocks the tool added before returning, in order (empty for a tool that only returns text).</summary>
        public IReadOnlyList<ContentBlock> Content { get; }
    }

    /// <summary>The call failed; <see cref="Error"/> says why.</summary>
    public sealed class Failed : ExecutionResult
    {
        internal Failed(ExecutionError error, ExecutionMetrics metrics) : base(metrics) => Error = error;

        /// <summary>Why the call failed: kind, limit where one applies, and a message safe to show the client.</summary>
        public ExecutionError Error { get; }
    }
}
