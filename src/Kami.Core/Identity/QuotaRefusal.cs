using System.Globalization;

namespace Kami.Core.Identity;

/// <summary>Why a call was refused: which quota of which caller, its limit, and when it resets.</summary>
public sealed record QuotaRefusal(string Caller, string Quota, long Limit, DateTimeOffset ResetsAt, DateTimeOffset Now)
{
    /// <summary>What the caller is told (safe to show: it names only its own quota).</summary>
    public string Message =>
        $"quota exceeded: {Quota} for {Caller} is {Limit.ToString("N0", CultureInfo.InvariantCulture)}; it resets at "
        + $"{ResetsAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} (in {Wait()}). Try again then, or ask the operator for a larger quota";

    private string Wait()
    {
        var left = ResetsAt - Now;
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        return left.TotalSeconds < 120 ? $"{Math.Ceiling(left.TotalSeconds):0} s"
            : left.TotalMinutes < 120 ? $"{Math.Ceiling(left.TotalMinutes):0} min"
            : $"{left.TotalHours:0.#} h";
    }
}
