using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>The "Kami" span of a tool call: its attributes, and the client's W3C trace context as its parent.</summary>
public sealed class CallSpanTests : IDisposable
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ClientSpanId = "00f067aa0ba902b7";
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public CallSpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Kami",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_TraceparentHeader_SpanIsItsChildWithTheCallsAttributes(bool stateless)
    {
        var id = stateless ? "test.kami.traced-stateless" : "test.kami.traced";
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(id, Tools.Text()));
        var executor = new FakeExecutor(_ => ExecutionResult.Success("{}", ExecutionMetrics.Empty with { FuelUsed = 42, QueueWait = TimeSpan.FromMilliseconds(7) }));
        await using var kami = await InMemoryHttpKami.StartAsync(registry, executor, o => o with { Stateless = stateless });
        var client = await kami.ConnectAsync(headers: new Dictionary<string, string> { ["traceparent"] = $"00-{TraceId}-{ClientSpanId}-01" });

        await client.CallToolAsync(id, new Dictionary<string, object?> { ["text"] = "secret-argument-value" });

        var span = Assert.Single(SpansOf(id));
        Assert.Equal(TraceId, span.TraceId.ToHexString());
        Assert.Equal($"tools/call {id}", span.DisplayName);
        Assert.Equal(id, span.GetTagItem("kami.tool.id"));
        Assert.Equal("1.0.0", span.GetTagItem("kami.tool.version"));
        Assert.Equal("ok", span.GetTagItem("kami.call.outcome"));
        Assert.Equal(42L, span.GetTagItem("kami.call.fuel"));
        Assert.Equal(7.0, span.GetTagItem("kami.call.queue_wait_ms"));
        Assert.IsType<double>(span.GetTagItem("kami.call.duration_ms"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains("secret-argument-value", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Call_TraceparentInMeta_WinsAndAFailureIsMarked()
    {
        const string id = "test.kami.traced-meta";
        const string metaTraceId = "0af7651916cd43dd8448eb211c80319c";
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(id, Tools.Text()));
        var executor = new FakeExecutor(_ => ExecutionResult.Failure(ExecutionError.Of(ErrorKind.GuestTrapped, "trap"), ExecutionMetrics.Empty with { FuelUsed = 5 }));
        await using var kami = await InMemoryHttpKami.StartAsync(registry, executor);
        var client = await kami.ConnectAsync(headers: new Dictionary<string, string> { ["traceparent"] = $"00-{TraceId}-{ClientSpanId}-01" });

        await client.CallToolAsync(new CallToolRequestParams
        {
            Name = id,
            Arguments = new Dictionary<string, JsonElement> { ["text"] = JsonSerializer.SerializeToElement("x") },
            Meta = new JsonObject { ["traceparent"] = $"00-{metaTraceId}-b7ad6b7169203331-01" },
        });

        var span = Assert.Single(SpansOf(id));
        Assert.Equal(metaTraceId, span.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", span.ParentSpanId.ToHexString());
        Assert.Equal(nameof(ErrorKind.GuestTrapped), span.GetTagItem("kami.call.outcome"));
        Assert.Equal(nameof(ErrorKind.GuestTrapped), span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task Call_MalformedTraceparent_CallServedWithAFreshTrace()
    {
        const string id = "test.kami.traced-bad";
        var registry = new FakeRegistry();
        registry.Add(Tools.Tool(id, Tools.Text()));
        await using var kami = await InMemoryHttpKami.StartAsync(registry, FakeExecutor.Echo());
        var client = await kami.ConnectAsync(headers: new Dictionary<string, string> { ["traceparent"] = "00-not-a-trace-01" });

        var result = await client.CallToolAsync(id, new Dictionary<string, object?> { ["text"] = "x" });

        Assert.NotEqual(true, result.IsError);
        var span = Assert.Single(SpansOf(id));
        Assert.NotEqual(default, span.TraceId);
    }

    // Other tests run calls at the same time; each test's tool id tells its spans apart.
    private List<Activity> SpansOf(string id) => [.. _spans.Where(s => (string?)s.GetTagItem("kami.tool.id") == id)];
}
