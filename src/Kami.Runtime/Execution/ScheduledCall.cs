namespace Kami.Runtime.Execution;

/// <summary>A call handed to the scheduler: waiting in its queue, then run once on a worker, or cancelled while it waits.</summary>
internal abstract class ScheduledCall
{
    /// <summary>Its place in the queue while it waits; set under the scheduler's lock before a worker can see it.</summary>
    public LinkedListNode<ScheduledCall>? Entry { get; set; }

    /// <summary>The caller's cancellation, watched while the call waits; disposed when a worker takes it.</summary>
    public CancellationTokenRegistration WhileWaiting { get; set; }

    /// <summary>Runs the work on the current (worker) thread; shutdown reaches it as the caller's cancellation does.</summary>
    public abstract void Run(CancellationToken shutdown);

    /// <summary>Completes the call without running it (cancelled while it waited, or the scheduler stopped).</summary>
    public abstract void CompleteAsCancelled();
}
