namespace Kami.Core.Identity;

/// <summary>
/// One fixed window a quota is counted in: a UTC minute for calls, a UTC day for fuel. Fixed windows (not sliding ones)
/// make a counter one row per caller and window, which a shared store can add to atomically and expire by its end.
/// </summary>
public readonly record struct QuotaWindow(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The UTC minute holding <paramref name="now"/>.</summary>
    public static QuotaWindow MinuteOf(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
        return new QuotaWindow(start, start.AddMinutes(1));
    }

    /// <summary>The UTC day holding <paramref name="now"/>.</summary>
    public static QuotaWindow DayOf(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return new QuotaWindow(start, start.AddDays(1));
    }
}
