using Kami.Mcp.Tools;
using Kami.Runtime.Contracts;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Answers calls without a guest: whatever the test says, or an injected fault.</summary>
internal sealed class FakeExecutor(Func<ExecutionRequest, ExecutionResult> answer) : IToolExecutor
{
    public List<ExecutionRequest> Requests { get; } = [];

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellation)
    {
        lock (Requests) Requests.Add(request);
        return Task.FromResult(answer(request));
    }

    public static FakeExecutor Echo() => new(r => ExecutionResult.Success(r.Input, ExecutionMetrics.Empty with { FuelUsed = 42 }));
}
