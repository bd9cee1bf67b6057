using System.Collections.Concurrent;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>
/// Bounded workers and queue, busy beyond the queue, round-robin across tools. In the runtime collection only so
/// its spinning guest does not compete with the wall-clock tests; it owns its own single-worker runtime.
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class SchedulerTests
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_QueueFull_ThirdCallGetsBusyImmediately()
    {
        using var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 1, QueueLimit = 1 });
        var sink = new RecordingLogSink();
        var spinning = sink.WhenLogged("spinning");
        using var cancellation = new CancellationTokenSource();
        var spin = RuntimeFixture.Request("spin", policy: RuntimeFixture.Policy with { MaxFuel = ulong.MaxValue }) with { LogSink = sink };

        var running = runtime.ExecuteAsync(spin, cancellation.Token);
        await spinning.WaitAsync(SignalTimeout);
        var queued = runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"q\":1}"));
        var refused = runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"q\":2}"));

        Assert.True(refused.IsCompleted, "a call beyond the queue limit must fail at once, not wait");
        Expect.Failure(await refused, ErrorKind.Busy, "busy", "queue limit 1");
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, runtime.Scheduler.Waiting);

        await cancellation.CancelAsync();
        Expect.Failure(await running, ErrorKind.Cancelled);
        Assert.Equal("{\"q\":1}", Expect.Success(await queued));
        Assert.Equal("{\"q\":3}", Expect.Success(await runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"q\":3}"))));
    }

    [Fact]
    public async Task Dispose_WhileGuestRunsAndCallWaits_StopsGuestAndCompletesBothCalls()
    {
        var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 1 });
        var sink = new RecordingLogSink();
        var spinning = sink.WhenLogged("spinning");
        var spin = RuntimeFixture.Request("spin", policy: RuntimeFixture.Policy with { MaxExecutionMs = 60_000, MaxFuel = ulong.MaxValue }) with { LogSink = sink };
        var running = runtime.ExecuteAsync(spin);
        await spinning.WaitAsync(SignalTimeout);
        var waiting = runtime.ExecuteAsync(RuntimeFixture.Request("echo"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        runtime.Dispose();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"disposing took {clock.Elapsed}: the running guest was not stopped");
        Expect.Failure(await running.WaitAsync(SignalTimeout), ErrorKind.Cancelled, "cancelled");
        Expect.Failure(await waiting.WaitAsync(SignalTimeout), ErrorKind.Cancelled, "cancelled");
    }

    [Fact]
    public async Task RunAsync_ManyCallsOfOneKey_ServedRoundRobinWithOtherKeys()
    {
        using var scheduler = new ExecutionScheduler(new RuntimeOptions { MaxConcurrency = 1, QueueLimit = 100 });
        using var gate = new ManualResetEventSlim();
        var order = new ConcurrentQueue<string>();
        var blocker = scheduler.RunAsync("gate", _ => gate.Wait(SignalTimeout), () => false, CancellationToken.None);

        var calls = new[] { ("a", "a1"), ("a", "a2"), ("a", "a3"), ("b", "b1"), ("B", "b2"), ("c", "c1") }
            .Select(c => scheduler.RunAsync(c.Item1, _ => { order.Enqueue(c.Item2); return c.Item2; }, () => "cancelled", CancellationToken.None))
            .ToList();
        gate.Set();
        await Task.WhenAll(calls);

        Assert.True(await blocker);
        Assert.Equal(["a1", "b1", "c1", "a2", "b2", "a3"], order);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaiting_LeavesQueueWithoutRunning()
    {
        using var scheduler = new ExecutionScheduler(new RuntimeOptions { MaxConcurrency = 1, QueueLimit = 1 });
        using var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = scheduler.RunAsync("gate", _ => { started.SetResult(); return gate.Wait(SignalTimeout); }, () => false, CancellationToken.None);
        await started.Task.WaitAsync(SignalTimeout);
        using var cancellation = new CancellationTokenSource();
        var ran = false;

        var waiting = scheduler.RunAsync("x", _ => ran = true, () => false, cancellation.Token);
        Assert.Equal(1, scheduler.Waiting);
        await cancellation.CancelAsync();

        Assert.False(await waiting.WaitAsync(SignalTimeout));
        Assert.Equal(0, scheduler.Waiting);
        // The freed slot is usable at once: the queue limit counts only calls still waiting.
        var next = scheduler.RunAsync("y", _ => true, () => false, CancellationToken.None);
        gate.Set();
        Assert.True(await blocker);
        Assert.True(await next);
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_TokenAlreadyCancelled_CompletesAsCancelledWithoutRunning()
    {
        using var scheduler = new ExecutionScheduler(new RuntimeOptions { MaxConcurrency = 1, QueueLimit = 1 });
        var ran = false;

        var call = scheduler.RunAsync("x", _ => ran = true, () => false, new CancellationToken(canceled: true));

        Assert.False(await call.WaitAsync(SignalTimeout));
        Assert.Equal(0, scheduler.Waiting);
        Assert.True(await scheduler.RunAsync("y", _ => true, () => false, CancellationToken.None).WaitAsync(SignalTimeout));
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsync_QueueFull_ThrowsBusy()
    {
        using var scheduler = new ExecutionScheduler(new RuntimeOptions { MaxConcurrency = 1, QueueLimit = 1 });
        using var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocker = scheduler.RunAsync("gate", _ => { started.SetResult(); return gate.Wait(SignalTimeout); }, () => false, CancellationToken.None);
        await started.Task.WaitAsync(SignalTimeout);
        var queued = scheduler.RunAsync("a", _ => true, () => false, CancellationToken.None);

        var e = Assert.Throws<KamiException>(() => { _ = scheduler.RunAsync("b", _ => true, () => false, CancellationToken.None); });

        Assert.Equal(ErrorKind.Busy, e.Kind);
        Assert.Equal(1, scheduler.Running);
        gate.Set();
        Assert.True(await blocker);
        Assert.True(await queued);
    }

    [Theory]
    [InlineData(0)]   // workers sleep at once: every call must wake one
    [InlineData(200)] // workers spin: calls are handed to spinning workers
    public async Task RunAsync_ManyProducersAtOnce_EveryCallRunsExactlyOnce(int idleSpinMicroseconds)
    {
        using var scheduler = new ExecutionScheduler(new RuntimeOptions
        {
            MaxConcurrency = 3, QueueLimit = 100_000, WorkerIdleSpin = TimeSpan.FromMicroseconds(idleSpinMicroseconds),
        });
        var runs = new int[4_000];

        // Eight producers, bursts and pauses, so calls land on busy, spinning and sleeping workers alike.
        var producers = Enumerable.Range(0, 8).Select(p => Task.Run(async () =>
        {
            var calls = new List<Task<int>>();
            for (var i = p; i < runs.Length; i += 8)
            {
                var index = i;
                calls.Add(scheduler.RunAsync("k" + (index % 5), _ => Interlocked.Increment(ref runs[index]), () => -1, CancellationToken.None));
                if (index % 97 == 0) await Task.Delay(1);
            }
            return await Task.WhenAll(calls);
        })).ToList();

        var results = await Task.WhenAll(producers).WaitAsync(SignalTimeout); // a lost wake-up leaves a call waiting forever

        Assert.All(results.SelectMany(r => r), r => Assert.Equal(1, r));
        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.Equal(0, scheduler.Waiting);
    }

    [Fact]
    public async Task RunAsync_CallArrivesAsTheWorkerGoesToSleep_IsStillRun()
    {
        // The producer submits the next call the moment the last one completes, from its own thread, while the
        // worker is on its way from "found nothing" to asleep: the window where a call could be left unseen.
        using var scheduler = new ExecutionScheduler(new RuntimeOptions { MaxConcurrency = 1, QueueLimit = 10, WorkerIdleSpin = TimeSpan.Zero });
        var producer = Task.Factory.StartNew(() => FirstCallNeverRun(scheduler, calls: 100_000), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var lost = await producer.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(lost is null, $"call {lost} was never run: the worker slept through it");
    }

    private static int? FirstCallNeverRun(ExecutionScheduler scheduler, int calls)
    {
        using var done = new ManualResetEventSlim();
        for (var i = 0; i < calls; i++)
        {
            done.Reset();
            var call = scheduler.RunAsync("k", _ => true, () => false, CancellationToken.None);
            call.ContinueWith(_ => done.Set(), TaskContinuationOptions.ExecuteSynchronously);
            if (!done.Wait(TimeSpan.FromSeconds(10))) return i;
        }
        return null;
    }
}
