using Kami.Runtime.Contracts;

namespace Kami.Runtime.Wasm;

/// <summary>
/// One worker thread's instances around its calls: the instance made ahead for the next call (for the tool it ran
/// last, since agents tend to call the same tool again), and the used one, whose teardown (returning its memory
/// to the pool) waits until the reply is on its way. Only the owning worker touches it.
/// </summary>
internal sealed class WorkerInstances(ReadyInstanceCounts counts) : IDisposable
{
    private FreshInstance? _ready;
    private FreshInstance? _used;
    private (LoadedComponent Component, ExecutionRequest Request)? _next;

    /// <summary>The instance made ahead if it fits this call; otherwise null (and a misfit is discarded).</summary>
    public FreshInstance? TakeReady(LoadedComponent component, ExecutionRequest request)
    {
        var ready = _ready;
        _ready = null;
        if (ready is null) return null;
        if (ready.Fits(component, request))
        {
            Interlocked.Increment(ref counts.Used);
            return ready;
        }
        ready.Dispose();
        return null;
    }

    /// <summary>Records a used instance, for teardown after the reply, and what to make ready for the next call.</summary>
    public void Retire(FreshInstance used, ExecutionRequest request)
    {
        DisposeUsed();
        _used = used;
        _next = FreshInstance.CanBeMadeAhead(request) ? (used.Component, request with { Input = "", LogSink = null }) : null;
    }

    /// <summary>Called when the worker is idle: tears down the used instance and makes one ready for the next call.</summary>
    public void PrepareNext(WasmEngine engine, CancellationToken cancellation)
    {
        DisposeUsed();
        if (_ready is not null || _next is not { } next) return;
        _next = null;
        try
        {
            _ready = FreshInstance.Create(engine, next.Component, next.Request, cancellation);
            Interlocked.Increment(ref counts.Made);
        }
        catch (Exception)
        {
            // Nothing to report here: the next call instantiates on its own path and reports the failure to its caller.
        }
    }

    public void DisposeUsed()
    {
        _used?.Dispose();
        _used = null;
    }

    /// <summary>Frees every instance this worker holds; it starts over with its next call.</summary>
    public void Clear()
    {
        DisposeUsed();
        _ready?.Dispose();
        _ready = null;
        _next = null;
    }

    public void Dispose() => Clear();
}
