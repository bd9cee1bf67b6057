using System.Diagnostics;
using System.Text.Json.Nodes;
using Kami.Core.Registry;
using Kami.Runtime.Contracts;

namespace Kami.Mcp.Observability;

/// <summary>
/// The "Kami" activity source: one span per tool call (tool, version, outcome, fuel, duration, queue wait). With no
/// listener (telemetry off) <see cref="StartCall"/> returns null and a call pays one check.
/// </summary>
internal static class KamiTracing
{
    public const string SourceName = "Kami";

    public static readonly ActivitySource Source = new(SourceName, Kami.Core.Hosting.KamiVersion.Current);

    /// <summary>
    /// Starts the call's span, or returns null when nobody listens. Its parent is, first, the W3C trace context the
    /// client put in the request's <c>_meta</c>; else the current activity (the HTTP request's span); else the
    /// <c>traceparent</c> header of the HTTP request (<see cref="IncomingTraceContext"/>).
    /// </summary>
    public static Activity? StartCall(InstalledTool tool, JsonObject? meta)
    {
        if (!Source.HasListeners()) return null;
        var parent = FromMeta(meta) ?? (Activity.Current is null ? IncomingTraceContext.Current : null);
        var activity = parent is { } context
            ? Source.StartActivity("tools/call " + tool.Id.Value, ActivityKind.Internal, context)
            : Source.StartActivity("tools/call " + tool.Id.Value, ActivityKind.Internal);
        if (activity is null) return null;
        activity.SetTag("kami.tool.id", tool.Id.Value);
        activity.SetTag("kami.tool.version", tool.Manifest.Version.ToString());
        return activity;
    }

    /// <summary>What the call came to; never its arguments or output, which may hold secrets.</summary>
    public static void Complete(Activity? activity, string outcome, bool failed, ExecutionMetrics metrics, double durationMs)
    {
        if (activity is null) return;
        activity.SetTag("kami.call.outcome", outcome);
        activity.SetTag("kami.call.fuel", (long)Math.Min(metrics.FuelUsed, long.MaxValue));
        activity.SetTag("kami.call.duration_ms", durationMs);
        activity.SetTag("kami.call.queue_wait_ms", metrics.QueueWait.TotalMilliseconds);
        if (metrics.HttpRequests > 0) activity.SetTag("kami.call.http_requests", metrics.HttpRequests);
        if (failed)
        {
            activity.SetTag("error.type", outcome);
            activity.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }

    /// <summary>Parses a W3C trace context; null for anything malformed (a client's bad header never fails a call).</summary>
    public static ActivityContext? Parse(string? traceparent, string? tracestate) =>
        traceparent is { Length: > 0 and <= 128 } && ActivityContext.TryParse(traceparent, tracestate, isRemote: true, out var context) ? context : null;

    private static ActivityContext? FromMeta(JsonObject? meta)
    {
        if (meta is null || !meta.TryGetPropertyValue("traceparent", out var parent) || parent is not JsonValue value
            || !value.TryGetValue<string>(out var traceparent)) return null;
        var tracestate = meta.TryGetPropertyValue("tracestate", out var state) && state is JsonValue s && s.TryGetValue<string>(out var text) ? text : null;
        return Parse(traceparent, tracestate?.Length <= 512 ? tracestate : null);
    }

}
