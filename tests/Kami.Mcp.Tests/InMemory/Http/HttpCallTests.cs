using Kami.Mcp.Tools;
using Kami.Runtime.Contracts;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>MCP calls over Streamable HTTP in memory: what the HTTP host adds on top of the server (cancellation by the client).</summary>
public sealed class HttpCallTests
{
    private const string SlowId = "test.kami.slow";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_ClientCancels_ServerCallIsCancelled(bool stateless)
    {
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(SlowId));
        var executor = new BlockingExecutor();
        await using var kami = await InMemoryHttpKami.StartAsync(registry, executor, o => o with { Stateless = stateless });
        var client = await kami.ConnectAsync();

        using var cts = new CancellationTokenSource();
        var call = client.CallToolAsync(SlowId, new Dictionary<string, object?>(), cancellationToken: cts.Token).AsTask();
        await executor.Started.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        await executor.Cancelled.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Runs until its call is cancelled, and says when each happened.</summary>
    private sealed class BlockingExecutor : IToolExecutor
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        public Task Cancelled => _cancelled.Task;

        public async Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellation)
        {
            _started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }
            finally
            {
                _cancelled.TrySetResult();
            }
            return ExecutionResult.Success("{}", ExecutionMetrics.Empty);
        }
    }
}
