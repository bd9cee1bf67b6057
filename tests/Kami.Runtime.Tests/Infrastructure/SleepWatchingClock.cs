using Microsoft.Extensions.Time.Testing;

namespace Kami.Runtime.Tests.Infrastructure;

/// <summary>
/// A fake clock that also says when one of its timers is armed. A scheduler worker arms its long-idle timer as it
/// falls asleep and disarms it when woken, so a test can wait for "the worker is asleep" (its idle work done)
/// and then move time, instead of sleeping and hoping.
/// </summary>
public sealed class SleepWatchingClock : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private int _armed;
    private TaskCompletionSource _whenArmed = NewSignal();

    /// <summary>Completes once a timer is armed (at once if one is now).</summary>
    public Task WhenArmed()
    {
        lock (_lock) return _whenArmed.Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this);
        timer.Inner = base.CreateTimer(s => { timer.Fired(); callback(s); }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Count(int change)
    {
        lock (_lock)
        {
            _armed += change;
            if (_armed > 0) _whenArmed.TrySetResult();
            else if (_whenArmed.Task.IsCompleted) _whenArmed = NewSignal();
        }
    }

    private sealed class WatchedTimer(SleepWatchingClock clock) : ITimer
    {
        private readonly Lock _lock = new();
        private bool _armed;

        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Armed only once the fake clock has it: a test that moves time as soon as it hears must reach it.
            // Outside the lock, as the fake clock may fire timers under its own.
            var changed = Inner.Change(dueTime, period);
            lock (_lock) SetArmed(dueTime != Timeout.InfiniteTimeSpan);
            return changed;

        }

        public void Fired()
        {
            lock (_lock) SetArmed(false);
        }

        private void SetArmed(bool armed)
        {
            if (armed == _armed) return;
            _armed = armed;
            clock.Count(armed ? 1 : -1);
        }

        public void Dispose()
        {
            lock (_lock) SetArmed(false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
