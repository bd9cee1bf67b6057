namespace Kami.Core.Identity;

/// <summary>A caller's limits; null means unlimited. Calls are counted per UTC minute, fuel per UTC day.</summary>
public sealed record ClientQuota(long? CallsPerMinute, long? FuelPerDay)
{
    /// <summary>No limit.</summary>
    public static ClientQuota Unlimited { get; } = new(null, null);

    /// <summary>Whether any limit is set.</summary>
    public bool IsLimited => CallsPerMinute is not null || FuelPerDay is not null;
}
