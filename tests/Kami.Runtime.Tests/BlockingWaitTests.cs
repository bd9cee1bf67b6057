using System.Diagnostics;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>
/// Hardening, blocking WASI calls: a guest asleep in a host call runs no wasm, so no epoch deadline reaches it.
/// KAMI refuses such waits at once, so a call still ends within its time limit and a worker is never held.
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class BlockingWaitTests(RuntimeFixture fixture)
{
    [Fact]
    public async Task Run_BlockingWasiSleep_EndsWithinTimeLimit()
    {
        var policy = RuntimeFixture.Policy with { MaxExecutionMs = 500 };
        var clock = Stopwatch.StartNew();

        var result = await fixture.RunAsync("sleeper", "{\"ms\":\"8000\"}", policy);

        clock.Stop();
        Expect.Failure(result, ErrorKind.GuestFailed, "test.sleeper", "tried to wait", "8,000 ms", "subscribe-duration");
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"a call with a 500 ms limit took {clock.Elapsed}");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_BlockingWasiSleepOnOnlyWorker_NextCallIsServedAtOnce()
    {
        using var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 1 });
        var sleeping = runtime.ExecuteAsync(RuntimeFixture.Request("sleeper", "{\"ms\":\"30000\"}"));
        var clock = Stopwatch.StartNew();

        var echo = await runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"text\":\"next\"}"));

        Assert.Equal("{\"text\":\"next\"}", Expect.Success(echo));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the next call waited {clock.Elapsed} behind a sleeping guest");
        Expect.Failure(await sleeping, ErrorKind.GuestFailed, "tried to wait");
    }

    [Fact]
    public async Task Run_BlockingWasiSleepThenCancel_FreesTheWorker()
    {
        using var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 1 });
        using var cancellation = new CancellationTokenSource();
        var sleeping = runtime.ExecuteAsync(RuntimeFixture.Request("sleeper", "{\"ms\":\"30000\"}"), cancellation.Token);
        await cancellation.CancelAsync();
        var clock = Stopwatch.StartNew();

        var sleeper = await sleeping;
        var echo = await runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"text\":\"after cancel\"}"));

        Assert.Contains(Expect.Error(sleeper).Kind, new[] { ErrorKind.Cancelled, ErrorKind.GuestFailed });
        Expect.Success(echo);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the worker was freed {clock.Elapsed} after the cancel");
    }

    [Fact]
    public async Task Run_GuestBlockingOnStdin_ReadsNothingAndReturnsAtOnce()
    {
        var policy = RuntimeFixture.Policy with { MaxExecutionMs = 2_000 };

        var result = await fixture.RunAsync("stdin_reader", policy: policy);

        Assert.Equal("{\"stdin_bytes\":0}", Expect.Success(result));
        Assert.True(result.Metrics.Duration < TimeSpan.FromSeconds(1), $"reading an empty stdin took {result.Metrics.Duration}");
    }

    [Fact]
    public async Task Run_GuestReadsMonotonicClock_StillWorks()
    {
        var result = await fixture.RunAsync("sleeper", "{\"ms\":\"0\"}");

        Assert.StartsWith("{\"slept_ms\":0,", Expect.Success(result), StringComparison.Ordinal);
    }
}
