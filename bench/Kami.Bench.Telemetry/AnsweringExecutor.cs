using Kami.Mcp.Tools;
using Kami.Runtime.Contracts;

namespace Kami.Bench.Telemetry;

/// <summary>Answers every call with its input at once: no guest, so the benchmark measures the server's own path.</summary>
internal sealed class AnsweringExecutor : IToolExecutor
{
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellation) =>
        Task.FromResult(ExecutionResult.Success(request.Input, ExecutionMetrics.Empty with { FuelUsed = 1000 }));
}
