using Kami.Runtime.Contracts;
using static Kami.Mcp.Tests.InMemory.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Hardening, terminal escapes: a guest's log line reaches the server log (a terminal's stderr) escaped.</summary>
public sealed class GuestLogEscapeTests
{
    [Fact]
    public async Task Call_GuestLogsEscapeSequences_ServerLogShowsThemEscaped()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.noisy"));
        var executor = new FakeExecutor(request =>
        {
            request.LogSink!.Log(request.ToolId, GuestLogLevel.Warn, "\u001b[2Jcleared\u0007");
            return ExecutionResult.Success("{}", ExecutionMetrics.Empty);
        });

        await using var kami = new InMemoryKami(registry, executor);
        var client = await kami.ConnectAsync();
        await client.CallToolAsync("dev.kami.noisy");

        var line = Assert.Single(kami.Log.Entries, e => e.Message.Contains("cleared", StringComparison.Ordinal)).Message;
        Assert.DoesNotContain('\u001b', line);
        Assert.DoesNotContain('\u0007', line);
        Assert.Contains(@"\x1B[2J", line, StringComparison.OrdinalIgnoreCase);
    }
}
