using Kami.Runtime.Execution;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting;

/// <summary>
/// The server's <see cref="ToolRuntime"/>, made on the first tool call rather than at start-up: <c>initialize</c> and
/// <c>tools/list</c> are answered from the registry alone, so an agent sees the tools before Wasmtime's engine,
/// its pooling reservation and the workers exist. A runtime that fails to start is tried again on the next call.
/// Disposed with the container, if it was ever made.
/// </summary>
internal sealed class LazyToolRuntime(RuntimeOptions options, ILogger logger) : IDisposable
{
    private readonly Lock _lock = new();
    private volatile ToolRuntime? _runtime;

    public bool IsCreated => _runtime is not null;

    public ToolRuntime Value => _runtime ?? Create();

    private ToolRuntime Create()
    {
        lock (_lock)
        {
            if (_runtime is { } made) return made;
            var runtime = new ToolRuntime(options);
            if (runtime.AllocatorNotice is { } notice) RuntimeLog.AllocatorFallback(logger, notice);
            return _runtime = runtime;
        }
    }

    public void Dispose()
    {
        lock (_lock) _runtime?.Dispose();
    }
}
