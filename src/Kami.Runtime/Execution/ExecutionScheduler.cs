using Kami.Core.Errors;

namespace Kami.Runtime.Execution;

/// <summary>
/// Runs guest calls on a fixed set of dedicated worker threads (Wasmtime calls are synchronous, and blocking
/// thread-pool threads starves the MCP server). Waiting calls are served round-robin across tools, so one busy
/// tool cannot starve the others; the wait queue is bounded and a call beyond it fails fast with "busy".
/// A call cancelled while it waits leaves the queue at once. Disposing stops running guests (their token is
/// cancelled) and completes waiting calls as cancelled, so no guest outlives the engine it runs on.
/// </summary>
public sealed class ExecutionScheduler : IDisposable
{
    private readonly Dictionary<string, Queue<WorkItem>> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<string> _rotation = new();
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Worker[] _workers;
    private readonly int _queueLimit;
    private int _waiting;
    private int _running;
    private volatile bool _stopping;

    /// <param name="whenIdle">Runs on a worker that found nothing to do, before it waits (e.g. to prepare for the next call).</param>
    /// <param name="whenLongIdle">Runs on a worker that has slept for <paramref name="longIdle"/> (e.g. to free what it prepared).</param>
    /// <param name="whenWorkerExits">Runs on each worker as it stops (e.g. to free what it kept for itself).</param>
    public ExecutionScheduler(int workers, int queueLimit, TimeSpan? idleSpin = null,
        Action<CancellationToken>? whenIdle = null, Action? whenLongIdle = null, TimeSpan? longIdle = null, Action? whenWorkerExits = null)
    {
        _whenIdle = whenIdle;
        _whenLongIdle = whenLongIdle is null ? null : _ => whenLongIdle();
        _longIdle = longIdle ?? Timeout.InfiniteTimeSpan;
        _whenWorkerExits = whenWorkerExits;
        _queueLimit = queueLimit;
        _spinTicks = (long)((idleSpin ?? RuntimeOptions.Default.WorkerIdleSpin).TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        _workers = new Worker[Math.Max(1, workers)];
        for (var i = 0; i < _workers.Length; i++)
        {
            var worker = _workers[i] = new Worker(new Thread(WorkLoop) { IsBackground = true, Name = $"kami-guest-{i}" });
            worker.Thread.Start(worker);
        }
    }

    public int Workers => _workers.Length;
    public int Waiting => Volatile.Read(ref _waiting);
    public int Running => Volatile.Read(ref _running);

    public Task<T> RunAsync<T>(string fairnessKey, Func<CancellationToken, T> work, Func<T> whenCancelledWhileWaiting, CancellationToken cancellation)
    {
        // Completions run inline on the worker: the awaiting code continues there without waking another thread
        // (tens of microseconds per call), and its next await moves it off again.
        var completion = new TaskCompletionSource<T>();
        var item = new WorkItem();
        item.Execute = () =>
        {
            // Shutdown reaches a running guest the same way the caller's cancellation does.
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _shutdown.Token);
            try { completion.TrySetResult(work(linked.Token)); }
            catch (Exception e) { completion.TrySetException(e); }
        };
        item.CancelWhileWaiting = () =>
        {
            if (!item.TryClaim()) return;
            lock (_lock) _waiting--;
            completion.TrySetResult(whenCancelledWhileWaiting());
        };

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_waiting >= _queueLimit)
                throw new KamiException(ErrorKind.Busy,
                    $"KAMI is busy: {_running} calls are running and {_waiting} are waiting (queue limit {_queueLimit}); try again shortly");
            if (!_queues.TryGetValue(fairnessKey, out var queue))
            {
                _queues[fairnessKey] = queue = new Queue<WorkItem>();
                _rotation.AddLast(fairnessKey);
            }
            queue.Enqueue(item);
            _waiting++;
        }

        item.Registration = cancellation.Register(item.CancelWhileWaiting);
        WakeOne();
        return completion.Task;
    }

    private void WorkLoop(object? state)
    {
        var worker = (Worker)state!;
        try
        {
            while (!_stopping)
            {
                if (TryTakeNext() is { } item)
                {
                    Run(item);
                    continue;
                }
                RunIdleWork(_whenIdle);
                if (Volatile.Read(ref _waiting) == 0) WaitForWork(worker);
            }
        }
        finally
        {
            _whenWorkerExits?.Invoke();
        }
    }

    private void RunIdleWork(Action<CancellationToken>? idleWork)
    {
        try
        {
            idleWork?.Invoke(_shutdown.Token);
        }
        catch (Exception)
        {
            // Idle work is an optimisation; if it fails, the next call simply does not benefit from it.
        }
    }

    private WorkItem? TryTakeNext()
    {
        lock (_lock)
        {
            while (TakeNext() is { } item)
            {
                if (!item.TryClaim()) continue; // cancelled while waiting; already counted out
                _waiting--;
                _running++;
                return item;
            }
            return null;
        }
    }

    private void Run(WorkItem item)
    {
        try
        {
            item.Registration.Dispose();
            item.Execute!();
        }
        finally
        {
            lock (_lock) _running--;
        }
    }

    // Waking a blocked thread costs tens of microseconds here, as much as a small guest call. A worker that just
    // finished spins briefly first, so back-to-back calls (an agent calling tools in turn) skip the wake-up; a
    // caller hands its call to a spinning worker if there is one, else wakes exactly one sleeping worker.
    private void WaitForWork(Worker worker)
    {
        Interlocked.Exchange(ref worker.State, Worker.Spinning);
        // A call queued while this worker was busy found nobody to wake: look once more now that it can be found.
        if (Volatile.Read(ref _waiting) > 0)
        {
            Interlocked.Exchange(ref worker.State, Worker.Busy);
            return;
        }
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + _spinTicks;
        var spinner = new SpinWait();
        while (System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
        {
            if (Volatile.Read(ref worker.State) != Worker.Spinning || _stopping) return; // a caller handed it a call
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        if (Interlocked.CompareExchange(ref worker.State, Worker.Sleeping, Worker.Spinning) != Worker.Spinning) return;
        if (Volatile.Read(ref _waiting) > 0 && Interlocked.CompareExchange(ref worker.State, Worker.Busy, Worker.Sleeping) == Worker.Sleeping) return;
        // A caller (or Dispose) that claims this worker releases it exactly once. A long sleep first frees what
        // the worker keeps for its next call; a caller may claim it meanwhile, and the next wait returns at once.
        if (worker.Wake.Wait(_longIdle)) return;
        RunIdleWork(_whenLongIdle);
        worker.Wake.Wait();
    }

    private void WakeOne()
    {
        Interlocked.MemoryBarrier(); // the queued call must be visible before the workers' states are read
        foreach (var worker in _workers)
        {
            if (Interlocked.CompareExchange(ref worker.State, Worker.Busy, Worker.Spinning) == Worker.Spinning) return;
        }
        foreach (var worker in _workers)
        {
            if (Interlocked.CompareExchange(ref worker.State, Worker.Busy, Worker.Sleeping) != Worker.Sleeping) continue;
            worker.Wake.Release();
            return;
        }
        // Every worker is busy: each looks at the queue before it spins or sleeps.
    }

    private readonly long _spinTicks;
    private readonly Action<CancellationToken>? _whenIdle;
    private readonly Action<CancellationToken>? _whenLongIdle;
    private readonly TimeSpan _longIdle;
    private readonly Action? _whenWorkerExits;

    // Round-robin: take from the tool at the head of the rotation, then move that tool to the back.
    private WorkItem? TakeNext()
    {
        while (_rotation.First is { } node)
        {
            var queue = _queues[node.Value];
            _rotation.RemoveFirst();
            if (queue.Count == 0)
            {
                _queues.Remove(node.Value);
                continue;
            }
            var item = queue.Dequeue();
            if (queue.Count > 0) _rotation.AddLast(node);
            else _queues.Remove(node.Value);
            return item;
        }
        return null;
    }

    /// <summary>True once disposal has seen every worker exit (no guest is running any more).</summary>
    internal bool Stopped { get; private set; }

    public void Dispose()
    {
        List<WorkItem> waiting;
        lock (_lock)
        {
            if (_stopping) return;
            _stopping = true;
            waiting = [.. _queues.Values.SelectMany(q => q)];
        }
        _shutdown.Cancel();
        foreach (var item in waiting) item.CancelWhileWaiting!();
        foreach (var worker in _workers)
        {
            if (Interlocked.Exchange(ref worker.State, Worker.Busy) == Worker.Sleeping) worker.Wake.Release();
        }
        // Completions run inline on workers, so Dispose may be called from one (after its call finished):
        // it cannot wait for itself, and leaves what it uses to the finalizer since it will look at it once more.
        var current = Thread.CurrentThread;
        Stopped = _workers.Where(worker => worker.Thread != current).All(worker => worker.Thread.Join(TimeSpan.FromSeconds(5)));
        if (!Stopped || _workers.Any(worker => worker.Thread == current)) return; // a worker is still inside a call: leave what it uses alive
        foreach (var worker in _workers) worker.Wake.Dispose();
        _shutdown.Dispose();
    }

    private sealed class Worker(Thread thread)
    {
        public const int Busy = 0, Spinning = 1, Sleeping = 2;
        public int State = Busy;
        public Thread Thread { get; } = thread;
        public SemaphoreSlim Wake { get; } = new(0);
    }

    private sealed class WorkItem
    {
        private int _claimed;
        public Action? Execute { get; set; }
        public Action? CancelWhileWaiting { get; set; }
        public CancellationTokenRegistration Registration { get; set; }

        public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;
    }
}
