using Kami.Runtime.Execution;

namespace Kami.Mcp.Tools;

/// <summary>
/// Runs one call of a served tool. The server uses the sandbox (<see cref="RuntimeExecutor"/>); tests put a fake in
/// its place to drive the protocol mapping and the error path without a guest.
/// </summary>
internal interface IToolExecutor
{
    Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellation);
}
