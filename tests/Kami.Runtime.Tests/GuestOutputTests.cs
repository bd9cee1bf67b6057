using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>Hardening, per-call output cap: one budget of log lines over host.log, stdout and stderr together.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class GuestOutputTests(RuntimeFixture fixture)
{
    [Fact]
    public async Task Run_GuestWritingToEveryChannel_OneLineCapOverAllOfThem()
    {
        var sink = new RecordingLogSink();
        var limit = fixture.Runtime.Options.MaxLogMessages;

        var result = await fixture.RunAsync(RuntimeFixture.Request("chatty") with { LogSink = sink });

        Assert.Equal("chatted", Expect.Success(result));
        // 600 host.log lines and 200,000 stdout lines: the call's cap holds for all of them, plus one note.
        Assert.Equal(limit + 1, sink.Entries.Count);
        Assert.Equal(600, sink.Entries.Count(e => e.Message == "log line"));
        var note = sink.Entries[^1];
        Assert.StartsWith("[kami] output dropped from this call: ", note.Message, StringComparison.Ordinal);
        Assert.Contains($"at most {limit:N0} per call", note.Message, StringComparison.Ordinal);
    }
}
