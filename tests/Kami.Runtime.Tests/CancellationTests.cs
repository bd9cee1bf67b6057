using System.Diagnostics;
using Kami.Core.Errors;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>A cancelled token reaches a guest that is spinning in its own code (through the epoch callback).</summary>
[Collection(RuntimeCollection.Name)]
public sealed class CancellationTests(RuntimeFixture fixture)
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_CancelledWhileRunning_StopsPromptly()
    {
        var sink = new RecordingLogSink();
        var spinning = sink.WhenLogged("spinning");
        using var cancellation = new CancellationTokenSource();
        var policy = RuntimeFixture.Policy with { MaxExecutionMs = 60_000, MaxFuel = ulong.MaxValue };

        var call = fixture.RunAsync(RuntimeFixture.Request("spin", policy: policy) with { LogSink = sink }, cancellation.Token);
        await spinning.WaitAsync(SignalTimeout);
        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        var result = await call;

        Expect.Failure(result, ErrorKind.Cancelled, "test.spin", "cancelled");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the guest stopped {clock.Elapsed} after cancellation");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_TokenAlreadyCancelled_DoesNotStart()
    {
        var result = await fixture.RunAsync(RuntimeFixture.Request("loop"), new CancellationToken(canceled: true));

        Expect.Failure(result, ErrorKind.Cancelled, "cancelled");
        Assert.Equal(TimeSpan.Zero, result.Metrics.Duration);
        await fixture.AssertStillServesAsync();
    }
}
