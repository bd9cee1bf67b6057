using Kami.Runtime.Contracts;

namespace Kami.Mcp.Tools;

/// <summary>
/// Runs one call of a served tool. The server uses the sandbox (Hosting's RuntimeExecutor); tests put a fake in
/// its place to drive the protocol mapping and the error path without a guest.
/// </summary>
internal interface IToolExecutor
{
    Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellation);

    /// <summary>
    /// Gets ready for the first call off the call path, when there is anything to get ready (a fake has nothing):
    /// the sandbox, then the tools <paramref name="toolsToPrepare"/> names (most likely first), evaluated off the call path.
    /// </summary>
    void WarmInBackground(Func<IEnumerable<ExecutionRequest>> toolsToPrepare)
    {
    }

    /// <summary>A served tool's package was replaced, removed or disabled: whatever was made ahead for it goes now.</summary>
    void Forget(string toolId)
    {
    }
}
