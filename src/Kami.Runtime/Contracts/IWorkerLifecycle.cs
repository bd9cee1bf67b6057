namespace Kami.Runtime.Contracts;

/// <summary>
/// Work the scheduler's worker threads do for the layer that runs guests, on the worker itself (what it keeps
/// is kept per thread). The scheduler calls these; it knows nothing of what they do.
/// </summary>
internal interface IWorkerLifecycle
{
    /// <summary>
    /// Runs on a worker that found nothing to do, before it waits: one step of idle work (e.g. preparing for the next
    /// call). Returns true when it did something, and is called again once the worker has looked for a call.
    /// </summary>
    /// <param name="shutdown">Cancelled when the scheduler is disposed.</param>
    bool OnIdle(CancellationToken shutdown);

    /// <summary>Runs on a worker that has slept for <see cref="RuntimeOptions.ReadyInstanceLifetime"/> (e.g. to free what it prepared).</summary>
    void OnLongIdle();

    /// <summary>Runs on each worker as it stops (e.g. to free what it kept for itself).</summary>
    void OnExit();
}
