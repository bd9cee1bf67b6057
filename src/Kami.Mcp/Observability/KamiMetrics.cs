using System.Diagnostics.Metrics;

namespace Kami.Mcp.Observability;

/// <summary>Per-tool call counts, errors, latency, fuel and outbound HTTP, on the "Kami" meter (dotnet-counters, OpenTelemetry).</summary>
internal sealed class KamiMetrics : IDisposable
{
    public const string MeterName = "Kami";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _calls;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _fuel;
    private readonly Counter<long> _httpRequests;
    private readonly Counter<long> _httpBytesSent;
    private readonly Counter<long> _httpBytesReceived;

    public KamiMetrics()
    {
        _calls = _meter.CreateCounter<long>("kami.tool.calls", description: "Tool calls");
        _errors = _meter.CreateCounter<long>("kami.tool.errors", description: "Tool calls that ended in an error");
        _duration = _meter.CreateHistogram<double>("kami.tool.duration", unit: "ms", description: "Tool call latency");
        _fuel = _meter.CreateCounter<long>("kami.tool.fuel", description: "Fuel spent by tool calls");
        _httpRequests = _meter.CreateCounter<long>("kami.tool.http.requests", description: "Outbound HTTP requests made by tool calls (kami:http)");
        _httpBytesSent = _meter.CreateCounter<long>("kami.tool.http.bytes_sent", unit: "By", description: "Request body bytes tool calls sent");
        _httpBytesReceived = _meter.CreateCounter<long>("kami.tool.http.bytes_received", unit: "By", description: "Response body bytes tool calls received");
    }

    /// <summary>A call's outbound HTTP; calls that made no request do not get here.</summary>
    public void RecordHttp(string toolId, int requests, long bytesSent, long bytesReceived)
    {
        var tool = new KeyValuePair<string, object?>("tool", toolId);
        _httpRequests.Add(requests, tool);
        _httpBytesSent.Add(bytesSent, tool);
        _httpBytesReceived.Add(bytesReceived, tool);
    }

    public void Record(string toolId, string outcome, double durationMs, ulong fuel)
    {
        var tool = new KeyValuePair<string, object?>("tool", toolId);
        var result = new KeyValuePair<string, object?>("outcome", outcome);
        _calls.Add(1, tool, result);
        if (outcome != "ok") _errors.Add(1, tool, result);
        _duration.Record(durationMs, tool, result);
        _fuel.Add((long)Math.Min(fuel, long.MaxValue), tool);
    }

    public void Dispose() => _meter.Dispose();
}
