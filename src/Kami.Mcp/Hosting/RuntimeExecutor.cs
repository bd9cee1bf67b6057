using Kami.Mcp.Tools;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;

namespace Kami.Mcp.Hosting;

/// <summary>Calls run in KAMI's sandbox (<see cref="ToolRuntime"/>, made on the first call), which the container owns and disposes.</summary>
internal sealed class RuntimeExecutor(LazyToolRuntime runtime) : IToolExecutor
{
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellation) => runtime.Value.ExecuteAsync(request, cancellation);

    /// <summary>Makes the runtime and gets the named tools ready in the background (after tools/list, while the agent decides what to call).</summary>
    public void WarmInBackground(Func<IEnumerable<ExecutionRequest>> toolsToPrepare) => runtime.WarmInBackground(toolsToPrepare);

    /// <summary>Drops the instances made ahead for a replaced, removed or disabled tool (none before the runtime is made).</summary>
    public void Forget(string toolId)
    {
        if (runtime.IsCreated) runtime.Value.ForgetReadyInstances(toolId);
    }
}
