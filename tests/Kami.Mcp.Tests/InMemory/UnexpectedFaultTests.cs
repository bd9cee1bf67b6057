using System.Diagnostics.Metrics;
using Kami.Mcp.Observability;
using ModelContextProtocol.Protocol;
using static Kami.Mcp.Tests.InMemory.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Issue 10 part 1: a fault inside KAMI during a call is still audited and counted; the client learns nothing of it.</summary>
public sealed class UnexpectedFaultTests
{
    private sealed class InjectedFault() : Exception("secret /home/operator/.kami/registry.db is on fire");

    [Fact]
    public async Task Call_RuntimeThrowsUnexpectedly_AuditedCountedAndGenericError()
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.fragile"));
        var audit = new MemoryAuditLog();
        var outcomes = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == KamiMetrics.MeterName && instrument.Name == "kami.tool.calls") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "outcome") lock (outcomes) outcomes.Add((string)tag.Value!);
        });
        listener.Start();

        var kami = new InMemoryKami(registry, new FakeExecutor(_ => throw new InjectedFault()), audit);
        CallToolResult result;
        await using (kami)
        {
            var client = await kami.ConnectAsync();
            result = await client.CallToolAsync("dev.kami.fragile");
            // The server still serves the next call.
            Assert.Single(await client.ListToolsAsync());
        }

        Assert.True(result.IsError);
        var text = result.Content.OfType<TextContentBlock>().Single().Text;
        Assert.Contains("internal error in KAMI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/home", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fire", text, StringComparison.Ordinal);

        var record = Assert.Single(audit.Records);
        Assert.Equal("Internal", record.Outcome);
        Assert.Contains(nameof(InjectedFault), record.Error, StringComparison.Ordinal);
        lock (outcomes) Assert.Contains("Internal", outcomes);
        Assert.Contains(kami.Log.WithEvent(2005), m => m.Contains("dev.kami.fragile", StringComparison.Ordinal) && m.Contains("on fire", StringComparison.Ordinal));
    }
}
