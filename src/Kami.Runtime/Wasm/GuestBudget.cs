using System.Diagnostics;

namespace Kami.Runtime.Wasm;

/// <summary>
/// What the epoch-deadline callback of one Store checks on every tick: a wall-clock limit from a start time, and
/// a cancellation token. Mutable because a Store is made before its call, so both are set again when it starts.
/// </summary>
internal sealed class GuestBudget
{
    private long _started;
    private TimeSpan _limit;
    private CancellationToken _cancellation;

    public void Start(TimeSpan limit, CancellationToken cancellation)
    {
        _limit = limit;
        _cancellation = cancellation;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Epoch-deadline callback: ends the guest on cancellation or when the time is spent, else one more tick.</summary>
    public ulong OnTick()
    {
        if (_cancellation.IsCancellationRequested) throw new GuestInterruptedException(InterruptReason.Cancelled);
        if (Stopwatch.GetElapsedTime(_started) >= _limit) throw new GuestInterruptedException(InterruptReason.TimedOut);
        return 1;
    }
}
