using System.Diagnostics;
using Kami.Runtime.Contracts;

namespace Kami.Runtime.Execution;

/// <summary>
/// Runs guest calls on a fixed set of dedicated worker threads (Wasmtime calls are synchronous, and blocking
/// thread-pool threads starves the MCP server). Waiting calls wait in a <see cref="FairQueue{T}"/>: round-robin
/// across tools, bounded ("busy" beyond it), left at once by a call cancelled while it waits. Disposing stops
/// running guests (their token is cancelled) and completes waiting calls as cancelled, so no guest outlives the
/// engine it runs on.
/// </summary>
public sealed class ExecutionScheduler : IDisposable
{
    private readonly FairQueue<ScheduledCall> _queue;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SchedulerWorker[] _workers;
    private readonly IWorkerLifecycle? _lifecycle;
    private readonly Action _runLongIdle;
    private readonly Action<object?> _cancelWhileWaiting;
    private readonly long _spinTicks;
    private readonly TimeSpan _longIdle;
    private int _running;
    private volatile bool _stopping;

    /// <param name="options">Workers (<see cref="RuntimeOptions.MaxConcurrency"/>), queue limit, idle spin and, with a
    /// <paramref name="lifecycle"/>, how long a worker sleeps before its long-idle work.</param>
    /// <param name="lifecycle">Work each worker does for the guest layer when idle, long idle and exiting.</param>
    /// <param name="time">Measures the long-idle wait; tests pass a fake clock.</param>
    internal ExecutionScheduler(RuntimeOptions options, IWorkerLifecycle? lifecycle = null, TimeProvider? time = null)
    {
        _queue = new FairQueue<ScheduledCall>(options.QueueLimit);
        _lifecycle = lifecycle;
        _runLongIdle = RunLongIdle;
        _cancelWhileWaiting = call => CancelWhileWaiting((ScheduledCall)call!);
        _longIdle = lifecycle is null ? Timeout.InfiniteTimeSpan : options.ReadyInstanceLifetime;
        // The spin is a few hundred microseconds on the hot path: measured with the raw stopwatch, not the clock.
        _spinTicks = (long)(options.WorkerIdleSpin.TotalSeconds * Stopwatch.Frequency);
        _workers = new SchedulerWorker[Math.Max(1, options.MaxConcurrency)];
        for (var i = 0; i < _workers.Length; i++)
        {
            var worker = _workers[i] = new SchedulerWorker(new Thread(WorkLoop) { IsBackground = true, Name = $"kami-guest-{i}" }, time ?? TimeProvider.System);
            worker.Thread.Start(worker);
        }
    }

    /// <summary>How many worker threads run guests (<see cref="RuntimeOptions.MaxConcurrency"/>, at least one).</summary>
    public int Workers => _workers.Length;
    /// <summary>Calls queued for a worker right now.</summary>
    public int Waiting => _queue.Count;
    /// <summary>Calls on a worker right now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>True once disposal has seen every worker exit (no guest is running any more).</summary>
    internal bool Stopped { get; private set; }

    /// <summary>
    /// Queues <paramref name="work"/> under <paramref name="fairnessKey"/> (the tool id) and completes with what it returns on a worker.
    /// Its token is cancelled when <paramref name="cancellation"/> is or the scheduler is disposed; a call cancelled while still waiting
    /// never runs and completes with <paramref name="whenCancelledWhileWaiting"/>'s value instead. Throws <see cref="Kami.Core.Errors.KamiException"/>
    /// (<see cref="Kami.Core.Errors.ErrorKind.Busy"/>) when the queue is full, and <see cref="ObjectDisposedException"/> after disposal.
    /// </summary>
    public Task<T> RunAsync<T>(string fairnessKey, Func<CancellationToken, T> work, Func<T> whenCancelledWhileWaiting, CancellationToken cancellation)
    {
        var call = new ScheduledCall<T>(work, whenCancelledWhileWaiting, cancellation);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            call.Entry = _queue.TryEnqueue(fairnessKey, call) ?? throw _queue.Busy(_running);
            // Under the lock, so the registration is whole before a worker can take the call and dispose it.
            call.WhileWaiting = cancellation.Register(_cancelWhileWaiting, call);
        }
        WakeOne();
        return call.Task;
    }

    /// <summary>Wakes a sleeping worker (if any) with no call for it, so it does the idle work there is now.</summary>
    internal void NudgeIdle() => WakeSleeping();

    private void WorkLoop(object? state)
    {
        var worker = (SchedulerWorker)state!;
        try
        {
            while (!_stopping)
            {
                if (TryTakeNext() is { } call)
                {
                    Run(call);
                    continue;
                }
                if (RunIdle()) continue; // one step of idle work at a time: a call that came meanwhile goes first
                if (_queue.Count == 0) WaitForWork(worker);
            }
        }
        finally
        {
            _lifecycle?.OnExit();
        }
    }

    // Idle work is an optimisation; if it fails, the next call simply does not benefit from it.
    private bool RunIdle()
    {
        try { return !_stopping && _lifecycle is not null && _lifecycle.OnIdle(_shutdown.Token); }
        catch (Exception) { return false; }
    }

    private void RunLongIdle()
    {
        try { _lifecycle?.OnLongIdle(); }
        catch (Exception) { }
    }

    private ScheduledCall? TryTakeNext()
    {
        lock (_lock)
        {
            if (!_queue.TryDequeue(out var call)) return null;
            _running++;
            return call;
        }
    }

    private void Run(ScheduledCall call)
    {
        try
        {
            call.WhileWaiting.Dispose();
            call.Run(_shutdown.Token);
        }
        finally
        {
            lock (_lock) _running--;
        }
    }

    private void CancelWhileWaiting(ScheduledCall call)
    {
        bool removed;
        lock (_lock) removed = _queue.Remove(call.Entry!);
        if (removed) call.CompleteAsCancelled();
    }

    // Waking a blocked thread costs tens of microseconds here, as much as a small guest call. A worker that just
    // finished spins briefly first, so back-to-back calls (an agent calling tools in turn) skip the wake-up; a
    // caller hands its call to a spinning worker if there is one, else wakes exactly one sleeping worker.
    private void WaitForWork(SchedulerWorker worker)
    {
        worker.StartSpinning();
        // A call queued while this worker was busy found nobody to wake: look once more now that it can be found.
        if (_queue.Count > 0)
        {
            worker.StopSpinning();
            return;
        }
        var deadline = Stopwatch.GetTimestamp() + _spinTicks;
        var spinner = new SpinWait();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (!worker.IsSpinning || _stopping) return; // a caller handed it a call
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        if (!worker.TryStartSleeping()) return;
        if (_queue.Count > 0 && worker.TryStopSleeping()) return;
        // A long sleep first frees what the worker keeps for its next call.
        worker.SleepUntilClaimed(_longIdle, _runLongIdle);
    }

    private void WakeOne()
    {
        Interlocked.MemoryBarrier(); // the queued call must be visible before the workers' states are read
        foreach (var worker in _workers)
        {
            if (worker.TryHandOff()) return;
        }
        // If none sleeps, every worker is busy: each looks at the queue before it spins or sleeps.
        WakeSleeping();
    }

    private void WakeSleeping()
    {
        foreach (var worker in _workers)
        {
            if (worker.TryWake()) return;
        }
    }

    /// <summary>Cancels running calls, completes waiting ones as cancelled, and waits up to 5 s per worker for it to exit.</summary>
    public void Dispose()
    {
        List<ScheduledCall> waiting = [];
        lock (_lock)
        {
            if (_stopping) return;
            _stopping = true;
            while (_queue.TryDequeue(out var call)) waiting.Add(call);
        }
        _shutdown.Cancel();
        foreach (var call in waiting)
        {
            call.WhileWaiting.Dispose();
            call.CompleteAsCancelled();
        }
        foreach (var worker in _workers) worker.Stop();
        // Completions run inline on workers, so Dispose may be called from one (after its call finished):
        // it cannot wait for itself, and leaves what it uses to the finalizer since it will look at it once more.
        var current = Thread.CurrentThread;
        Stopped = _workers.Where(worker => worker.Thread != current).All(worker => worker.Thread.Join(TimeSpan.FromSeconds(5)));
        if (!Stopped || _workers.Any(worker => worker.Thread == current)) return; // a worker is still inside a call: leave what it uses alive
        foreach (var worker in _workers) worker.Dispose();
        _shutdown.Dispose();
    }
}
