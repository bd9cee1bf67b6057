namespace Kami.Runtime.Wasm;

/// <summary>
/// One worker thread's used instance, whose teardown (returning its memory to the pool) waits until the reply is on
/// its way and the worker has nothing more urgent to do. Only the owning worker touches it. Instances made ahead
/// are not kept here but in the runtime's shared <see cref="ReadyInstanceStock"/>.
/// </summary>
internal sealed class WorkerInstances : IDisposable
{
    private FreshInstance? _used;

    /// <summary>Records a used instance for teardown when the worker is idle (the one before it is torn down now).</summary>
    public void Retire(FreshInstance used)
    {
        DisposeUsed();
        _used = used;
    }

    /// <summary>Tears down the used instance; false when there was none.</summary>
    public bool DisposeUsed()
    {
        if (_used is not { } used) return false;
        _used = null;
        used.Dispose();
        return true;
    }

    public void Dispose() => DisposeUsed();
}
