namespace Kami.Runtime.Execution;

/// <summary>A <see cref="ScheduledCall"/> with its result: one object per call, no closures.</summary>
internal sealed class ScheduledCall<T>(Func<CancellationToken, T> work, Func<T> whenCancelledWhileWaiting, CancellationToken cancellation)
    : ScheduledCall
{
    // Completions run inline on the worker: the awaiting code continues there without waking another thread
    // (tens of microseconds per call), and its next await moves it off again.
    private readonly TaskCompletionSource<T> _completion = new();

    public Task<T> Task => _completion.Task;

    public override void Run(CancellationToken shutdown)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, shutdown);
        try { _completion.TrySetResult(work(linked.Token)); }
        catch (Exception e) { _completion.TrySetException(e); }
    }

    public override void CompleteAsCancelled() => _completion.TrySetResult(whenCancelledWhileWaiting());
}
