using Kami.Runtime.Contracts;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>Guest stdout/stderr and host logging never flood the host: both are bounded per call.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class ConsoleTests(RuntimeFixture fixture)
{
    // stdout_spam writes 4096 lines of 1022 'x' plus '\n' to each of stdout and stderr.
    private const int SpamBytes = 2 * 4096 * 1023;

    [Fact]
    public async Task Run_StdoutSpam_ArrivesAsBoundedLogLines()
    {
        var sink = new RecordingLogSink();
        var limit = fixture.Runtime.Options.MaxConsoleBytes;

        var result = await fixture.RunAsync(RuntimeFixture.Request("stdout_spam") with { LogSink = sink });

        Assert.Equal("done", Expect.Success(result));
        var stdout = sink.Entries.Where(e => e.Message.StartsWith("[stdout] ", StringComparison.Ordinal)).ToList();
        var stderr = sink.Entries.Where(e => e.Message.StartsWith("[stderr] ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stdout);
        Assert.All(stdout, e => Assert.Equal(GuestLogLevel.Info, e.Level));
        Assert.All(stderr, e => Assert.Equal(GuestLogLevel.Warn, e.Level));
        Assert.All(sink.Entries, e => Assert.Equal("test.stdout_spam", e.ToolId));
        var kept = stdout.Concat(stderr).Sum(e => e.Message.Length - "[stdout] ".Length);
        Assert.InRange(kept, 1, limit);

        var notice = Assert.Single(sink.Entries, e => e.Message.Contains("dropped", StringComparison.Ordinal));
        Assert.Equal(GuestLogLevel.Warn, notice.Level);
        Assert.Contains($"{SpamBytes - limit:N0} bytes of stdout/stderr", notice.Message, StringComparison.Ordinal);
        Assert.Contains($"at most {limit:N0} bytes", notice.Message, StringComparison.Ordinal);
        Assert.Equal(stdout.Count + stderr.Count + 1, sink.Entries.Count);
    }

    [Fact]
    public async Task Run_LogFlood_KeepsMessageCountAndSizeBounded()
    {
        var sink = new RecordingLogSink();
        var limit = fixture.Runtime.Options.MaxLogMessages;

        var result = await fixture.RunAsync(RuntimeFixture.Request("log_flood") with { LogSink = sink });

        Assert.Equal("flooded", Expect.Success(result));
        // The call's line budget, then one note of what was dropped.
        Assert.Equal(limit + 1, sink.Entries.Count);
        // 8 KiB of the guest's 20,000 bytes, and an ellipsis that shows it was cut.
        Assert.All(sink.Entries.SkipLast(1), e => Assert.Equal(new string('y', 8 * 1024) + "…", e.Message));
        Assert.Contains("4,000 log lines", sink.Entries[^1].Message, StringComparison.Ordinal);
    }
}
