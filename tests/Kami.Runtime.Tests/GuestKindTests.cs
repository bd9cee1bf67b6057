using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>Real guests as toolchains build them: fresh per call, JavaScript, and C linking WASI it never uses.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class GuestKindTests(RuntimeFixture fixture)
{
    [Fact]
    public async Task Run_StatefulGuestTwice_EachCallStartsFresh()
    {
        Assert.Equal("1", Expect.Success(await fixture.RunAsync("counter")));
        Assert.Equal("1", Expect.Success(await fixture.RunAsync("counter")));
    }

    [Fact]
    public async Task Run_EchoTwice_ReturnsSameResult()
    {
        var first = Expect.Success(await fixture.RunAsync("echo", "{\"text\":\"again\"}"));
        var second = Expect.Success(await fixture.RunAsync("echo", "{\"text\":\"again\"}"));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Run_GuestImportingUnusedWasi_LoadsAndRuns()
    {
        var imports = fixture.Runtime.Check("test.counter", RepoPaths.Fixture("counter.wasm"));
        Assert.Contains(imports, i => i.StartsWith("wasi:filesystem/", StringComparison.Ordinal));

        Assert.Equal("1", Expect.Success(await fixture.RunAsync("counter")));
    }

    [Fact]
    public async Task Run_JavaScriptTool_Echoes()
    {
        var sink = new RecordingLogSink();
        var request = new ExecutionRequest("dev.kami.js-echo", Path.Combine(RepoPaths.Example("js-echo"), "js-echo.wasm"),
            SecurityPolicy.DenyAll, "{\"text\":\"from js\"}") { LogSink = sink };

        var result = await fixture.RunAsync(request);

        Assert.Equal("{\"echo\":{\"text\":\"from js\"}}", Expect.Success(result));
        Assert.Contains(new LogEntry("dev.kami.js-echo", GuestLogLevel.Info, "js-echo called"), sink.Entries);
    }
}
