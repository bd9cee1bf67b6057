using System.Text.Json.Nodes;
using Kami.Core.Identity;
using Kami.Runtime.Contracts;
using ModelContextProtocol.Protocol;

namespace Kami.Mcp.Tools;

/// <summary>
/// What a call cost, in the result's <c>_meta</c> under <c>dev.kami/cost</c>: fuel and milliseconds, and for a caller
/// with a fuel quota, the day's fuel so far and the limit, so an agent can pace itself before it is refused.
/// </summary>
internal static class CallCost
{
    /// <summary>The key in <c>_meta</c>.</summary>
    public const string MetaKey = "dev.kami/cost";

    public static CallToolResult Attach(CallToolResult result, ExecutionMetrics metrics, ClientQuota quota, long? fuelToday)
    {
        var cost = new JsonObject
        {
            ["fuel"] = JsonValue.Create(metrics.FuelUsed),
            ["duration_ms"] = JsonValue.Create(Math.Round(metrics.Duration.TotalMilliseconds, 3)),
        };
        if (quota.FuelPerDay is { } limit)
        {
            cost["fuel_today"] = JsonValue.Create(fuelToday ?? 0);
            cost["fuel_per_day"] = JsonValue.Create(limit);
        }
        if (quota.CallsPerMinute is { } calls) cost["calls_per_minute"] = JsonValue.Create(calls);
        result.Meta ??= [];
        result.Meta[MetaKey] = cost;
        return result;
    }
}
