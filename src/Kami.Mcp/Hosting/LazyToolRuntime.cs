using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting;

/// <summary>
/// The server's <see cref="ToolRuntime"/>, made after start-up rather than during it: <c>initialize</c> and
/// <c>tools/list</c> are answered from the registry alone, so an agent sees the tools before Wasmtime's engine,
/// its pooling reservation and the workers exist. The first <c>tools/list</c> starts making it on a background
/// thread (an agent thinks for a while before its first call); the first call makes it if that has not finished.
/// Then, still in the background, it gets the listed tools that are already compiled ready for their first calls
/// (<see cref="ToolRuntime.Prepare"/>), a few at most and only while no call runs. The system's crypto library, which
/// every first load uses, is loaded beside the runtime. A runtime that fails to start is tried again on the next call.
/// Disposed with the container, if it was ever made.
/// </summary>
internal sealed class LazyToolRuntime(RuntimeOptions options, ILogger logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _warmed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ToolRuntime? _runtime;
    private int _warming;
    private bool _disposed;
    // A call needed the runtime before the warm-up had made it: that call is waiting, so the warm-up adds no collection to its wait.
    private volatile bool _calledWhileWarming;

    public bool IsCreated => _runtime is not null;

    public ToolRuntime Value => _runtime ?? CreateForCall();

    private ToolRuntime CreateForCall()
    {
        _calledWhileWarming = true;
        return Create();
    }

    /// <summary>Completes when a background warm-up has finished (made the runtime, or failed to).</summary>
    public Task Warmed => _warmed.Task;

    /// <summary>How many tools the warm-up gets ready at most: the instances made ahead hold one or two of them.</summary>
    public const int MaxPreparedTools = 4;

    /// <summary>How long the warm-up waits for running calls to finish before it gives up preparing tools.</summary>
    private static readonly TimeSpan PrepareBudget = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts making the runtime on a background thread, once; returns at once. <paramref name="toolsToPrepare"/>,
    /// called on that thread, names the tools to get ready for a first call, most likely first.
    /// </summary>
    public void WarmInBackground(Func<IEnumerable<ExecutionRequest>>? toolsToPrepare = null)
    {
        if (_runtime is not null || Interlocked.Exchange(ref _warming, 1) == 1) return;
        // A process's first SHA-256 loads and configures the system's crypto library (libssl and libcrypto: ~5 ms
        // measured, half a small tool's first call), which the first call's pin and cache checks would wait for.
        ThreadPool.UnsafeQueueUserWorkItem(static _ => System.Security.Cryptography.HMACSHA256.HashData(new byte[32], Array.Empty<byte>()), null);
        new Thread(() =>
        {
            try
            {
                Create();
                // The process's first collection marks and moves everything start-up allocated (~6 ms here); left to
                // itself it lands on one of the first calls. Taken now, while the agent decides what to call, the
                // collections that calls trigger later only look at what calls left behind. Not when a call is
                // already waiting: it would pause that call.
                if (!_calledWhileWarming) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                if (toolsToPrepare is not null) Prepare(_runtime!, toolsToPrepare);
            }
            catch (Exception e)
            {
                // The first call makes it again and reports the failure as its error.
                RuntimeLog.WarmUpFailed(logger, e.Message);
            }
            _warmed.TrySetResult();
        }) { IsBackground = true, Name = "kami-runtime-warm-up" }.Start();
    }

    // One tool at a time, each only while no call is queued or running: preparing competes with a call for the cores
    // and the disk, and a call gets its own tool ready anyway.
    private static void Prepare(ToolRuntime runtime, Func<IEnumerable<ExecutionRequest>> toolsToPrepare)
    {
        var deadline = Environment.TickCount64 + (long)PrepareBudget.TotalMilliseconds;
        var prepared = 0;
        foreach (var request in toolsToPrepare())
        {
            while (runtime.Scheduler.Running + runtime.Scheduler.Waiting > 0)
            {
                if (Environment.TickCount64 > deadline) return;
                Thread.Sleep(10);
            }
            if (runtime.Prepare(request) && ++prepared == MaxPreparedTools) return;
        }
    }

    private ToolRuntime Create()
    {
        lock (_lock)
        {
            if (_runtime is { } made) return made;
            ObjectDisposedException.ThrowIf(_disposed, this);
            var runtime = new ToolRuntime(options);
            if (runtime.AllocatorNotice is { } notice) RuntimeLog.AllocatorFallback(logger, notice);
            return _runtime = runtime;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _runtime?.Dispose();
        }
    }
}
