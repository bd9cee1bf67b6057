namespace Kami.Runtime.Execution;

/// <summary>
/// One worker thread of the <see cref="ExecutionScheduler"/> and its hand-off state. Busy: running a call or
/// looking for one, and nobody wakes it. Spinning: idle but awake; a caller claims it (back to Busy) and it
/// notices within a spin. Sleeping: blocked; whoever claims it (a caller, or Dispose) releases it exactly once.
/// </summary>
internal sealed class SchedulerWorker(Thread thread, TimeProvider time) : IDisposable
{
    private const int Busy = 0, Spinning = 1, Sleeping = 2;
    private readonly SemaphoreSlim _wake = new(0);
    private int _state = Busy;

    public Thread Thread { get; } = thread;

    // The worker's side.
    public void StartSpinning() => Interlocked.Exchange(ref _state, Spinning);
    public void StopSpinning() => Interlocked.Exchange(ref _state, Busy);
    public bool IsSpinning => Volatile.Read(ref _state) == Spinning;
    public bool TryStartSleeping() => Interlocked.CompareExchange(ref _state, Sleeping, Spinning) == Spinning;
    public bool TryStopSleeping() => Interlocked.CompareExchange(ref _state, Busy, Sleeping) == Sleeping;

    // A caller's side: hand a call to a spinning worker, else wake a sleeping one.
    public bool TryHandOff() => Interlocked.CompareExchange(ref _state, Busy, Spinning) == Spinning;

    public bool TryWake()
    {
        if (Interlocked.CompareExchange(ref _state, Busy, Sleeping) != Sleeping) return false;
        _wake.Release();
        return true;
    }

    /// <summary>Claims the worker whatever it is doing, so it looks at the scheduler (which is stopping) once more.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _state, Busy) == Sleeping) _wake.Release();
    }

    /// <summary>
    /// Sleeps until claimed. If <paramref name="lifetime"/> passes first, runs <paramref name="whenLongIdle"/> and
    /// sleeps on; a caller may claim the worker meanwhile, and the sleep after it then returns at once. Time is the
    /// scheduler's <see cref="TimeProvider"/>, so tests can move it.
    /// </summary>
    public void SleepUntilClaimed(TimeSpan lifetime, Action whenLongIdle)
    {
        if (lifetime == Timeout.InfiniteTimeSpan)
        {
            _wake.Wait();
            return;
        }
        // One timer per sleep (not per call: a worker sleeps only after spinning idle), so a timer that fires just
        // as the worker is claimed cannot reach a later sleep. A reused source would need TryReset, which leaves a
        // TimeProvider's own timers running.
        bool claimed, longIdle;
        using (var timeout = new CancellationTokenSource(lifetime, time))
        {
            try
            {
                _wake.Wait(timeout.Token);
                claimed = true;
            }
            catch (OperationCanceledException)
            {
                claimed = false;
            }
            longIdle = timeout.IsCancellationRequested; // also when it passed just as a caller claimed the worker
        }
        if (!longIdle) return;
        whenLongIdle();
        if (!claimed) _wake.Wait();
    }

    public void Dispose() => _wake.Dispose();
}
