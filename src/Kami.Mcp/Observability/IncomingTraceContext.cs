using System.Diagnostics;

namespace Kami.Mcp.Observability;

/// <summary>
/// The W3C trace context of the HTTP request a call arrived on, for the call's span when no activity carries it
/// (the ASP.NET Core instrumentation is off, or the SDK runs the call away from the request's activity).
/// Flows with the call as an async local.
/// </summary>
internal static class IncomingTraceContext
{
    private static readonly AsyncLocal<ActivityContext?> Holder = new();

    public static ActivityContext? Current => Holder.Value;

    /// <summary>Sets the context for the rest of this async flow (the call the filter is about to run).</summary>
    public static void Set(ActivityContext? context) => Holder.Value = context;
}
