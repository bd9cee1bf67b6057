using System.Collections.Concurrent;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>
/// What the scheduler's workers do between calls (idle, long idle, exit), driven by a fake clock: the test waits
/// for the worker to fall asleep and moves time, so a 30 s lifetime takes no time at all.
/// </summary>
public sealed class SchedulerIdleTests
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private static RuntimeOptions OneWorker => new() { MaxConcurrency = 1, ReadyInstanceLifetime = Lifetime, WorkerIdleSpin = TimeSpan.Zero };

    private static Task<bool> Call(ExecutionScheduler scheduler, RecordingLifecycle lifecycle, string name) =>
        scheduler.RunAsync("k", _ => { lifecycle.Events.Enqueue(name); return true; }, () => false, CancellationToken.None);

    [Fact]
    public async Task LongIdle_NoCallForTheLifetime_RunsLongIdleWorkBeforeTheNextCall()
    {
        var clock = new SleepWatchingClock();
        var lifecycle = new RecordingLifecycle();
        using var scheduler = new ExecutionScheduler(OneWorker, lifecycle, clock);
        Assert.True(await Call(scheduler, lifecycle, "first"));
        await clock.WhenArmed().WaitAsync(SignalTimeout);

        clock.Advance(Lifetime);
        Assert.True(await Call(scheduler, lifecycle, "second"));

        Assert.Equal(["first", "idle", "long-idle", "second"], lifecycle.Events.SkipWhile(e => e != "first").ToArray()[..4]);
    }

    [Fact]
    public async Task LongIdle_CallJustBeforeTheLifetime_RunsNoLongIdleWork()
    {
        var clock = new SleepWatchingClock();
        var lifecycle = new RecordingLifecycle();
        using var scheduler = new ExecutionScheduler(OneWorker, lifecycle, clock);
        Assert.True(await Call(scheduler, lifecycle, "first"));
        await clock.WhenArmed().WaitAsync(SignalTimeout);

        clock.Advance(Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.True(await Call(scheduler, lifecycle, "second"));

        Assert.DoesNotContain("long-idle", lifecycle.Events);
    }

    [Fact]
    public async Task LongIdle_WorkerWokenBeforeTheLifetime_MeasuresTheNextSleepAfresh()
    {
        var clock = new SleepWatchingClock();
        var lifecycle = new RecordingLifecycle();
        using var scheduler = new ExecutionScheduler(OneWorker, lifecycle, clock);
        Assert.True(await Call(scheduler, lifecycle, "first"));
        await clock.WhenArmed().WaitAsync(SignalTimeout);
        clock.Advance(Lifetime / 2);
        Assert.True(await Call(scheduler, lifecycle, "second"));
        await clock.WhenArmed().WaitAsync(SignalTimeout);

        clock.Advance(Lifetime - TimeSpan.FromMilliseconds(1)); // past the first sleep's lifetime, not the second's
        Assert.True(await Call(scheduler, lifecycle, "third"));
        await clock.WhenArmed().WaitAsync(SignalTimeout);
        Assert.DoesNotContain("long-idle", lifecycle.Events);

        clock.Advance(Lifetime);
        Assert.True(await Call(scheduler, lifecycle, "fourth"));
        Assert.Equal(["long-idle", "fourth"], lifecycle.Events.SkipWhile(e => e != "long-idle").ToArray()[..2]);
    }

    [Fact]
    public async Task LongIdle_AfterLongIdleWork_WorkerSleepsUntilTheNextCallAndRunsIt()
    {
        var clock = new SleepWatchingClock();
        var lifecycle = new RecordingLifecycle();
        using var scheduler = new ExecutionScheduler(OneWorker, lifecycle, clock);
        await clock.WhenArmed().WaitAsync(SignalTimeout);
        clock.Advance(Lifetime);
        await lifecycle.LongIdle.Task.WaitAsync(SignalTimeout);

        clock.Advance(Lifetime * 10); // asleep for good now: no more long-idle work, however long it waits

        Assert.True(await Call(scheduler, lifecycle, "call").WaitAsync(SignalTimeout));
        Assert.Single(lifecycle.Events, e => e == "long-idle");
    }

    [Fact]
    public async Task Dispose_FromACallOnAWorker_ReturnsAndEveryWorkerRunsItsExitWork()
    {
        var lifecycle = new RecordingLifecycle();
        var scheduler = new ExecutionScheduler(new RuntimeOptions { MaxConcurrency = 2 }, lifecycle);

        var result = await scheduler.RunAsync("k", _ => { scheduler.Dispose(); return "disposed"; }, () => "cancelled", CancellationToken.None)
            .WaitAsync(SignalTimeout);

        Assert.Equal("disposed", result);
        await lifecycle.AllExited(2).WaitAsync(SignalTimeout);
        Assert.Throws<ObjectDisposedException>(() => { _ = scheduler.RunAsync("k", _ => true, () => false, CancellationToken.None); });
    }

    private sealed class RecordingLifecycle : IWorkerLifecycle
    {
        private int _exited;
        private readonly TaskCompletionSource _allExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expectedExits = int.MaxValue;

        public ConcurrentQueue<string> Events { get; } = new();
        public TaskCompletionSource LongIdle { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task AllExited(int workers)
        {
            Volatile.Write(ref _expectedExits, workers);
            if (Volatile.Read(ref _exited) >= workers) _allExited.TrySetResult();
            return _allExited.Task;
        }

        public bool OnIdle(CancellationToken shutdown)
        {
            // Only the first idle after each event: a worker woken with nothing to do runs it again.
            if (Events.LastOrDefault() != "idle") Events.Enqueue("idle");
            return false;
        }

        public void OnLongIdle()
        {
            Events.Enqueue("long-idle");
            LongIdle.TrySetResult();
        }

        public void OnExit()
        {
            if (Interlocked.Increment(ref _exited) >= Volatile.Read(ref _expectedExits)) _allExited.TrySetResult();
        }
    }
}
