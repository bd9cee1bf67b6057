using Kami.Runtime.Contracts;
using ModelContextProtocol;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using static Kami.Mcp.Tests.InMemory.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>A guest's progress reports reach the client that asked for them as notifications/progress, before the result.</summary>
public sealed class ProgressTests
{
    [Fact]
    public async Task Call_WithProgressToken_ClientGetsEachReport()
    {
        await using var kami = new InMemoryKami(Registry(), ReportingThreeSteps());
        var client = await kami.ConnectAsync();
        var seen = new List<ProgressNotificationParams>();
        var allThree = new TaskCompletionSource();
        // The SDK client hands notifications to handlers concurrently (in any order), and a per-call IProgress is
        // gone once the call completes: a session-wide handler sees every one. The order sent is the next test's.
        await using var handler = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            lock (seen)
            {
                seen.Add(notification.Params.Deserialize<ProgressNotificationParams>(McpJsonUtilities.DefaultOptions)!);
                if (seen.Count == 3) allThree.TrySetResult();
            }
            return ValueTask.CompletedTask;
        });

        var result = await client.CallToolAsync("dev.kami.slow", progress: new Progress<ProgressNotificationValue>());
        await allThree.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(true, result.IsError);
        Assert.Equal([(1f, 3f, "step 1"), (2f, 3f, "step 2"), (3f, 3f, "step 3")],
            seen.Select(p => (p.Progress.Progress, p.Progress.Total ?? -1, p.Progress.Message)).Order());
        Assert.Single(seen.Select(p => p.ProgressToken).Distinct());
    }

    [Fact]
    public async Task Call_WithProgressToken_ServerSendsReportsInOrderBeforeTheResult()
    {
        await using var kami = new InMemoryKami(Registry(), ReportingThreeSteps());
        var client = await kami.ConnectAsync();

        await client.CallToolAsync("dev.kami.slow", progress: new Progress<ProgressNotificationValue>());

        // Over HTTP the request's stream ends with its result, so a report sent after it would be lost.
        var sent = kami.Log.Entries.Select(e => e.Message).Where(m => m.Contains("sending message", StringComparison.Ordinal)).ToList();
        var progress = sent.Select((m, i) => (m, i)).Where(x => x.m.Contains("notifications/progress", StringComparison.Ordinal)).ToList();
        var result = sent.FindIndex(m => m.Contains("\"content\"", StringComparison.Ordinal));
        Assert.Equal(3, progress.Count);
        for (var step = 1; step <= 3; step++) Assert.Contains($"\"step {step}\"", progress[step - 1].m, StringComparison.Ordinal);
        Assert.InRange(progress[^1].i, 0, result - 1);
    }

    [Fact]
    public async Task Call_WithoutProgressToken_GuestGetsNoSink()
    {
        var executor = ReportingThreeSteps();
        await using var kami = new InMemoryKami(Registry(), executor);
        var client = await kami.ConnectAsync();

        await client.CallToolAsync("dev.kami.slow");

        Assert.Null(Assert.Single(executor.Requests).ProgressSink);
    }

    private static FakeRegistry Registry()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.slow"));
        return registry;
    }

    private static FakeExecutor ReportingThreeSteps() => new(request =>
    {
        for (var step = 1; step <= 3; step++) request.ProgressSink?.Report(request.ToolId, step, 3, $"step {step}");
        return ExecutionResult.Success("{}", ExecutionMetrics.Empty);
    });

}
