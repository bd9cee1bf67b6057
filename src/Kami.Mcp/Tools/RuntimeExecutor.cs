using Kami.Runtime.Execution;

namespace Kami.Mcp.Tools;

/// <summary>Calls run in KAMI's sandbox (<see cref="ToolRuntime"/>), which the container owns and disposes.</summary>
internal sealed class RuntimeExecutor(ToolRuntime runtime) : IToolExecutor
{
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellation) => runtime.ExecuteAsync(request, cancellation);
}
