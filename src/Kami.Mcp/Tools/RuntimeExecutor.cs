using Kami.Mcp.Hosting;
using Kami.Runtime.Execution;

namespace Kami.Mcp.Tools;

/// <summary>Calls run in KAMI's sandbox (<see cref="ToolRuntime"/>, made on the first call), which the container owns and disposes.</summary>
internal sealed class RuntimeExecutor(LazyToolRuntime runtime) : IToolExecutor
{
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellation) => runtime.Value.ExecuteAsync(request, cancellation);
}
