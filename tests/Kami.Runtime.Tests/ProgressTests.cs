using Kami.Runtime.Tests.Infrastructure;
using Kami.Runtime.Wasm.HostInterfaces;

namespace Kami.Runtime.Tests;

/// <summary>kami:mcp/progress: what a guest reports reaches the call's sink checked, in order and bounded.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class ProgressTests(RuntimeFixture fixture)
{
    [Fact]
    public async Task Report_EachStep_ReachesTheSinkInOrderWithTotalAndMessage()
    {
        var sink = new RecordingProgressSink();

        Expect.Success(await fixture.RunAsync(RuntimeFixture.Request("progress", """{"steps":3}""") with { ProgressSink = sink }));

        Assert.Equal([("test.progress", 1, 3, "step 1"), ("test.progress", 2, 3, "step 2"), ("test.progress", 3, 3, "step 3")],
            sink.Reports.Select(r => (r.ToolId, r.Progress, r.Total, r.Message)));
    }

    [Fact]
    public async Task Report_ProgressThatDoesNotGrow_Dropped()
    {
        var sink = new RecordingProgressSink();

        Expect.Success(await fixture.RunAsync(RuntimeFixture.Request("progress", """{"mode":"backwards"}""") with { ProgressSink = sink }));

        Assert.Equal(["five", "ten"], sink.Reports.Select(r => r.Message));
    }

    [Fact]
    public async Task Report_NotFiniteProgressOrTotal_Dropped()
    {
        var sink = new RecordingProgressSink();

        Expect.Success(await fixture.RunAsync(RuntimeFixture.Request("progress", """{"mode":"nan"}""") with { ProgressSink = sink }));

        var only = Assert.Single(sink.Reports);
        Assert.Equal((2.0, (double?)null, "two of unknown"), (only.Progress, only.Total, only.Message));
    }

    [Fact]
    public async Task Report_FloodInATightLoop_ABurstAndTheFinalReportOnly()
    {
        var sink = new RecordingProgressSink();

        Assert.Equal("done", Expect.Success(await fixture.RunAsync(RuntimeFixture.Request("progress", """{"mode":"flood"}""") with { ProgressSink = sink })));

        // 100,000 reports: the burst, what the steady rate allows over the loop's few milliseconds, and the last.
        Assert.InRange(sink.Reports.Count, ProgressCallState.Burst + 1, ProgressCallState.Burst + 10);
        Assert.Equal(100_000, sink.Reports[^1].Progress);
    }

    [Fact]
    public async Task Report_LongMessage_CutToTheBound()
    {
        var sink = new RecordingProgressSink();

        Expect.Success(await fixture.RunAsync(RuntimeFixture.Request("progress", """{"mode":"long"}""") with { ProgressSink = sink }));

        Assert.Equal(ProgressInterface.MaxMessageChars + 1, Assert.Single(sink.Reports).Message!.Length);
    }

    [Fact]
    public async Task Report_NoSink_CallRunsAsUsual()
    {
        Assert.Equal("done", Expect.Success(await fixture.RunAsync("progress", """{"mode":"flood"}""")));
    }
}
