using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

[Collection(RuntimeCollection.Name)]
public sealed class GuestResultTests(RuntimeFixture fixture)
{
    [Fact]
    public async Task Run_EchoGuest_ReturnsInputUnchanged()
    {
        const string input = "{\"text\":\"héllo ✓\"}";
        Assert.Equal(input, Expect.Success(await fixture.RunAsync("echo", input)));
    }

    [Fact]
    public async Task Run_FailingGuest_ReportsGuestFailedWithItsMessage()
    {
        var result = await fixture.RunAsync("fail", "{\"x\":1}");

        var error = Expect.Failure(result, ErrorKind.GuestFailed);
        Assert.Equal("bad input: {\"x\":1}", error);
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_LoggingGuest_DeliversEveryLevelWithToolId()
    {
        var sink = new RecordingLogSink();

        var result = await fixture.RunAsync(RuntimeFixture.Request("log") with { LogSink = sink });

        Assert.Equal("logged", Expect.Success(result));
        Assert.Equal(
            [
                new LogEntry("test.log", GuestLogLevel.Trace, "trace message"),
                new LogEntry("test.log", GuestLogLevel.Debug, "debug message"),
                new LogEntry("test.log", GuestLogLevel.Info, "info message"),
                new LogEntry("test.log", GuestLogLevel.Warn, "warn message"),
                new LogEntry("test.log", GuestLogLevel.Error, "error message"),
            ],
            sink.Entries);
    }

    [Fact]
    public async Task Run_MissingComponent_ReportsToolNotFound()
    {
        var request = RuntimeFixture.Request("echo") with { WasmFile = Path.Combine(Path.GetTempPath(), "kami-no-such-dir", "gone.wasm") };

        var error = Expect.Failure(await fixture.RunAsync(request), ErrorKind.ToolNotFound, "missing", "kami install --force");
        Assert.DoesNotContain("kami-no-such-dir", error, StringComparison.Ordinal);
    }
}
