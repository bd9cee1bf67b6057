using System.Diagnostics;
using System.Text.Json;
using Kami.EndToEnd.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static Kami.EndToEnd.Tests.Infrastructure.KamiHome;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// End-to-end scenarios run against the real <c>kami serve</c> with the SDK's real client, once per transport
/// (<see cref="StdioServeTests"/>, <see cref="HttpServeTests"/>).
/// </summary>
public abstract class ServeScenarios(StandardHomeFixture fixture)
{
    protected KamiHome Home => fixture.Home;

    protected abstract Task<IServedKami> ServeAsync(KamiHome home, IReadOnlyList<string>? args = null, IReadOnlyDictionary<string, string?>? env = null);

    [Fact]
    public async Task Initialize_AnyClient_AdvertisesToolsAndLoggingAndListsStrictSchemas()
    {
        await using var served = await ServeAsync(Home);
        var client = await served.ConnectAsync();

        Assert.Equal("kami", client.ServerInfo?.Name);
        Assert.True(client.ServerCapabilities.Tools?.ListChanged, "tools.listChanged");
        Assert.NotNull(client.ServerCapabilities.Logging);

        var tools = await client.ListToolsAsync();
        Assert.Equal([EchoId, FailId, LogId, SpinId], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        var echo = tools.Single(t => t.Name == EchoId).ProtocolTool;
        Assert.Contains("Echoes", echo.Description, StringComparison.Ordinal);
        var schema = echo.InputSchema;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("text").GetProperty("type").GetString());
        Assert.Equal(["text"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        Assert.True(echo.Annotations?.ReadOnlyHint, "a deny-all tool is read-only");
    }

    [Fact]
    public async Task Call_GuestReturnsJson_TextAndStructuredContent()
    {
        await using var served = await ServeAsync(Home);
        var client = await served.ConnectAsync();

        var result = await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "héllo \"world\"" });

        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Equal("héllo \"world\"", JsonDocument.Parse(text).RootElement.GetProperty("echo").GetString());
        Assert.NotNull(result.StructuredContent);
        Assert.Equal("héllo \"world\"", result.StructuredContent.Value.GetProperty("echo").GetString());
    }

    [Fact]
    public async Task Call_InvalidArguments_ToolErrorNamingTheArgument()
    {
        await using var served = await ServeAsync(Home);
        var client = await served.ConnectAsync();

        var missing = await client.CallToolAsync(EchoId, new Dictionary<string, object?>());
        Assert.True(missing.IsError);
        Assert.Contains("missing required argument 'text'", TextOf(missing), StringComparison.Ordinal);

        var wrongType = await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = 42 });
        Assert.True(wrongType.IsError);
        Assert.Contains("argument 'text' must be a string, not a number", TextOf(wrongType), StringComparison.Ordinal);

        var unknown = await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = "x", ["txet"] = "y" });
        Assert.True(unknown.IsError);
        Assert.Contains("unknown argument 'txet'", TextOf(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_GuestErrorOrUnknownTool_IsAToolError()
    {
        await using var served = await ServeAsync(Home);
        var client = await served.ConnectAsync();

        var failed = await client.CallToolAsync(FailId, new Dictionary<string, object?>());
        Assert.True(failed.IsError);
        Assert.Equal("bad input: {}", TextOf(failed));
        Assert.Null(failed.StructuredContent);

        var unknown = await client.CallToolAsync("dev.kami.nope", new Dictionary<string, object?>());
        Assert.True(unknown.IsError);
        Assert.Contains("unknown tool 'dev.kami.nope'", TextOf(unknown), StringComparison.Ordinal);

        // The session survives both.
        Assert.NotEqual(true, (await CallEchoAsync(client, "still here")).IsError);
    }

    [Fact]
    public async Task Call_ClientSetsLogLevel_GuestLogsArriveAsNotifications()
    {
        await using var served = await ServeAsync(Home);
        var notes = new Notifications();
        var client = await served.ConnectAsync(notes.Options);

        // No level set yet: the server sends nothing for this call's "echo called".
        Assert.NotEqual(true, (await CallEchoAsync(client, "before")).IsError);

        await client.SetLoggingLevelAsync(LoggingLevel.Debug);
        Assert.NotEqual(true, (await CallEchoAsync(client, "after")).IsError);
        var echoLog = Notifications.Log(await notes.WaitForLogAsync("echo called"));
        Assert.Equal("debug", echoLog.Level);

        await client.SetLoggingLevelAsync(LoggingLevel.Warning);
        Assert.Equal("logged", TextOf(await client.CallToolAsync(LogId, new Dictionary<string, object?>())));
        // The SDK sends each log line on its own (fire and forget), so lines may arrive in any order.
        await Task.WhenAll(notes.WaitForLogAsync("warn message"), notes.WaitForLogAsync("error message"));

        var logs = notes.LogMessages;
        Assert.Single(logs, l => l.Data.Contains("echo called", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Level == "warning" && l.Data.Contains("warn message", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Level == "error" && l.Data.Contains("error message", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Data.Contains("info message", StringComparison.Ordinal) || l.Data.Contains("debug message", StringComparison.Ordinal)
            || l.Data.Contains("trace message", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_LogLevelSetting_DecidesWhetherGuestDebugLinesReachStderr()
    {
        await using (var quiet = await ServeAsync(Home, env: new Dictionary<string, string?> { ["KAMI_LOG_LEVEL"] = "info" }))
        {
            var client = await quiet.ConnectAsync();
            Assert.NotEqual(true, (await CallEchoAsync(client, "quiet")).IsError);
            // The log tool's info line is written after anything the echo call logged: once it is there, so is that.
            Assert.Equal("logged", TextOf(await client.CallToolAsync(LogId, new Dictionary<string, object?>())));
            await quiet.WaitForStderrAsync("[test.kami.log] info message");
            Assert.DoesNotContain("echo called", quiet.Stderr, StringComparison.Ordinal);
        }

        await using var verbose = await ServeAsync(Home, env: new Dictionary<string, string?> { ["KAMI_LOG_LEVEL"] = "debug" });
        var verboseClient = await verbose.ConnectAsync();
        Assert.NotEqual(true, (await CallEchoAsync(verboseClient, "verbose")).IsError);
        await verbose.WaitForStderrAsync("[dev.kami.echo] echo called");
    }

    [Fact]
    public async Task Call_CancelledWhileLooping_InterruptsGuestAndFreesWorker()
    {
        // One worker: if the loop kept running, the next call could not run at all.
        await using var served = await ServeAsync(Home, ["--concurrency", "1"]);
        var client = await served.ConnectAsync();
        var startedAt = DateTimeOffset.UtcNow;

        using var cts = new CancellationTokenSource();
        var call = client.CallToolAsync(SpinId, new Dictionary<string, object?>(), cancellationToken: cts.Token).AsTask();
        // The guest logs "spinning" before it spins: cancel once guest code is running, however long it took to start.
        await served.WaitForStderrAsync($"[{SpinId}] spinning");
        Assert.False(call.IsCompleted, "the spinning call ended by itself");
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the cancelled call took {clock.Elapsed} to end");

        clock.Restart();
        var next = await CallEchoAsync(client, "after the loop").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(true, next.IsError);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the next call took {clock.Elapsed}: the loop still held the only worker");

        // The server recorded the loop as cancelled after it had spent fuel: the guest ran and was interrupted.
        var spin = await AuditLog.WaitForAsync(Home, r => r.Tool == SpinId && r.StartedAt >= startedAt.AddSeconds(-1) && r.Transport == served.Transport);
        Assert.Equal("Cancelled", spin.Outcome);
        Assert.True(spin.FuelUsed > 0, "the spin spent no fuel: it never ran");
    }

    [Fact]
    public async Task Call_SleepingGuestOnOnlyWorker_NextCallIsServedAtOnce()
    {
        // Hardening, blocking WASI calls: a guest asleep in a host wait would hold the only worker for 30 s.
        using var home = new KamiHome();
        await home.InstallEchoAsync();
        await home.InstallFixtureAsync("sleeper", "test.kami.sleeper", "[security]\nmax_execution_ms = 600000\n");
        await using var served = await ServeAsync(home, ["--concurrency", "1"]);
        var client = await served.ConnectAsync();
        var clock = Stopwatch.StartNew();

        var sleeper = client.CallToolAsync("test.kami.sleeper", new Dictionary<string, object?>()).AsTask();
        var next = await CallEchoAsync(client, "beside the sleeper").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(true, next.IsError);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the next call took {clock.Elapsed}: the sleeping guest held the only worker");
        var slept = await sleeper.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(slept.IsError);
        Assert.Contains("tried to wait", Assert.IsType<TextContentBlock>(Assert.Single(slept.Content)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTools_OtherProcessInstallsAndDisables_ListFollows()
    {
        using var home = new KamiHome();
        await home.InstallEchoAsync();
        await using var served = await ServeAsync(home);
        var notes = new Notifications();
        var client = await served.ConnectAsync(notes.Options);
        Assert.Equal([EchoId], (await client.ListToolsAsync()).Select(t => t.Name));

        await ChangeAndWaitForToolsAsync(client, notes, () => home.InstallFixtureAsync("fail", FailId), names => names.SetEquals([EchoId, FailId]));

        await ChangeAndWaitForToolsAsync(client, notes, () => KamiCli.RunOkAsync("disable", EchoId, "--home", home.Path), names => names.SetEquals([FailId]));
        var disabled = await CallEchoAsync(client, "x");
        Assert.True(disabled.IsError);
        Assert.Contains($"tool {EchoId} is disabled", TextOf(disabled), StringComparison.Ordinal);
        Assert.Contains($"kami enable {EchoId}", TextOf(disabled), StringComparison.Ordinal);

        await ChangeAndWaitForToolsAsync(client, notes, () => KamiCli.RunOkAsync("enable", EchoId, "--home", home.Path), names => names.SetEquals([EchoId, FailId]));
        Assert.NotEqual(true, (await CallEchoAsync(client, "back")).IsError);
    }

    [Fact]
    public async Task ListTools_UnderscoreNames_ListedAndCallable()
    {
        await using var served = await ServeAsync(Home, ["--tool-names", "underscore"]);
        var client = await served.ConnectAsync();

        var names = (await client.ListToolsAsync()).Select(t => t.Name).ToHashSet();
        Assert.True(names.SetEquals(["dev_kami_echo", "test_kami_fail", "test_kami_log", "test_kami_spin"]), string.Join(", ", names));
        Assert.All(names, n => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", n));

        var result = await client.CallToolAsync("dev_kami_echo", new Dictionary<string, object?> { ["text"] = "hi" });
        Assert.NotEqual(true, result.IsError);
        Assert.Equal("""{"echo":"hi"}""", TextOf(result));

        var dotted = await CallEchoAsync(client, "hi");
        Assert.True(dotted.IsError);
        Assert.Contains("unknown tool", TextOf(dotted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AnyOutcome_AuditedAndShownByKamiLogs()
    {
        var startedAt = DateTimeOffset.UtcNow;
        var marker = Guid.NewGuid().ToString("n");
        await using (var served = await ServeAsync(Home, env: new Dictionary<string, string?> { ["KAMI_AUDIT_ARGUMENTS"] = "true" }))
        {
            var client = await served.ConnectAsync();
            Assert.NotEqual(true, (await CallEchoAsync(client, marker)).IsError);
            Assert.True((await client.CallToolAsync(FailId, new Dictionary<string, object?>())).IsError);
            Assert.True((await client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["marker"] = marker })).IsError);

            var ok = await AuditLog.WaitForAsync(Home, r => r.Arguments is { } a && a.Contains(marker, StringComparison.Ordinal) && r.Outcome == "ok");
            Assert.Equal(EchoId, ok.Tool);
            Assert.Equal(served.Transport, ok.Transport);
            Assert.Equal($$"""{"text":"{{marker}}"}""", ok.Arguments);
            Assert.True(ok.FuelUsed > 0);

            var invalid = await AuditLog.WaitForAsync(Home, r => r.Arguments is { } a && a.Contains(marker, StringComparison.Ordinal) && r.Outcome != "ok");
            Assert.Equal("InvalidInput", invalid.Outcome);
            Assert.Contains("unknown argument 'marker'", invalid.Error, StringComparison.Ordinal);

            var failed = await AuditLog.WaitForAsync(Home, r => r.Tool == FailId && r.StartedAt >= startedAt.AddSeconds(-1) && r.Transport == served.Transport);
            Assert.Equal("GuestFailed", failed.Outcome);
            Assert.Equal("bad input: {}", failed.Error);
        }
    }

    [Fact]
    public async Task Call_RateLimitFromEnvironment_ExtraCallsAreToolErrors()
    {
        await using var served = await ServeAsync(Home, env: new Dictionary<string, string?> { ["KAMI_RATE_LIMIT_PER_MINUTE"] = "2" });
        var client = await served.ConnectAsync();

        Assert.NotEqual(true, (await CallEchoAsync(client, "1")).IsError);
        Assert.NotEqual(true, (await CallEchoAsync(client, "2")).IsError);
        var third = await CallEchoAsync(client, "3");
        Assert.True(third.IsError);
        Assert.Contains("rate limited to 2 calls per minute", TextOf(third), StringComparison.Ordinal);
        // The limit is per tool.
        Assert.Equal("logged", TextOf(await client.CallToolAsync(LogId, new Dictionary<string, object?>())));
    }

    [Fact]
    public async Task Call_RequireSignatureFromEnvironment_UnsignedToolIsAToolError()
    {
        // Issue 12: the standard tools were installed unsigned; with require_signature on, the server refuses to load them.
        await using var served = await ServeAsync(Home, env: new Dictionary<string, string?> { ["KAMI_REQUIRE_SIGNATURE"] = "true" });
        var client = await served.ConnectAsync();

        var result = await CallEchoAsync(client, "1");

        Assert.True(result.IsError);
        Assert.Contains($"tool {EchoId} is not signed and require_signature is on", TextOf(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_NewestProtocolClient_ListsAndCalls()
    {
        // The SDK client's default: 2026-07-28 (server/discover, no initialize, no HTTP session). Logging works per
        // request there (PerRequestLogLevelTests); list_changed over subscriptions/listen is not covered.
        await using var served = await ServeAsync(Home);
        var client = await served.ConnectAsync(new McpClientOptions());
        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);

        Assert.Equal(4, (await client.ListToolsAsync()).Count);
        var echo = await CallEchoAsync(client, "new");
        Assert.NotEqual(true, echo.IsError);
        Assert.Equal("new", echo.StructuredContent?.GetProperty("echo").GetString());
        var invalid = await client.CallToolAsync(EchoId, new Dictionary<string, object?>());
        Assert.True(invalid.IsError);
        Assert.Contains("missing required argument 'text'", TextOf(invalid), StringComparison.Ordinal);
        Assert.Equal("bad input: {}", TextOf(await client.CallToolAsync(FailId, new Dictionary<string, object?>())));
    }

    protected static Task<CallToolResult> CallEchoAsync(McpClient client, string text) =>
        client.CallToolAsync(EchoId, new Dictionary<string, object?> { ["text"] = text }).AsTask();

    protected static string TextOf(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    /// <summary>
    /// Runs <paramref name="change"/> (another process changing the registry), then waits until tools/list satisfies
    /// <paramref name="wanted"/>, re-listing after each list_changed notification (a change may take one or more
    /// notifications to show), and checks that at least one notification came.
    /// </summary>
    protected static async Task ChangeAndWaitForToolsAsync(McpClient client, Notifications notes, Func<Task> change, Func<HashSet<string>, bool> wanted)
    {
        var before = notes.Count(NotificationMethods.ToolListChangedNotification);
        await change();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var seen = notes.Count(NotificationMethods.ToolListChangedNotification);
            var names = (await client.ListToolsAsync()).Select(t => t.Name).ToHashSet();
            if (wanted(names) && seen > before) return;
            if (deadline.Elapsed > Notifications.Timeout)
                Assert.Fail($"tools/list is [{string.Join(", ", names)}] after {deadline.Elapsed}; list_changed notifications: {seen - before}");
            await notes.WaitAsync(NotificationMethods.ToolListChangedNotification, skip: seen);
        }
    }
}

public sealed class StdioServeTests(StandardHomeFixture fixture) : ServeScenarios(fixture), IClassFixture<StandardHomeFixture>
{
    protected override Task<IServedKami> ServeAsync(KamiHome home, IReadOnlyList<string>? args = null, IReadOnlyDictionary<string, string?>? env = null) =>
        Task.FromResult<IServedKami>(new StdioServedKami(home, args ?? [], env));
}

public sealed class HttpServeTests(HttpStandardHomeFixture fixture) : ServeScenarios(fixture), IClassFixture<HttpStandardHomeFixture>
{
    protected override async Task<IServedKami> ServeAsync(KamiHome home, IReadOnlyList<string>? args = null, IReadOnlyDictionary<string, string?>? env = null)
    {
        // Tests that need only the standard home with default settings share one server (a session each).
        if (home == fixture.Home && args is null && env is null) return (await fixture.SharedServerAsync()).Borrow();
        return await HttpServedKami.StartAsync(home, args, env);
    }
}
