namespace Kami.Core.Identity;

/// <summary>
/// Holds each caller to its <see cref="ClientQuota"/>: a call is counted against calls per minute before it runs (a
/// refused call counts too, so hammering does not help), and its fuel is added to the day's total after it ran. Fuel
/// is known only afterwards, so calls running at once may pass the day's limit by what they use; the next is refused.
/// Counters are kept per caller and per caller and tool, under keys a shared store can hold for a whole fleet.
/// </summary>
public sealed class QuotaGate(IQuotaCounter counter, TimeProvider time)
{
    /// <summary>Null when <paramref name="caller"/> may make the call now, else why not.</summary>
    public async ValueTask<QuotaRefusal?> AdmitAsync(Caller caller, string toolId, CancellationToken cancellationToken)
    {
        var quota = caller.Quota;
        if (!quota.IsLimited) return null;
        var now = time.GetUtcNow();
        if (quota.CallsPerMinute is { } calls)
        {
            var minute = QuotaWindow.MinuteOf(now);
            var made = await counter.AddAsync(CallsKey(caller), minute, 1, cancellationToken).ConfigureAwait(false);
            await counter.AddAsync(CallsKey(caller) + "/" + toolId.ToLowerInvariant(), minute, 1, cancellationToken).ConfigureAwait(false);
            if (made > calls) return new QuotaRefusal(caller.Name, "calls per minute", calls, minute.End, now);
        }
        if (quota.FuelPerDay is { } fuel)
        {
            var day = QuotaWindow.DayOf(now);
            var used = await counter.AddAsync(FuelKey(caller), day, 0, cancellationToken).ConfigureAwait(false);
            if (used >= fuel) return new QuotaRefusal(caller.Name, "fuel per day", fuel, day.End, now);
        }
        return null;
    }

    /// <summary>Adds a finished call's fuel to the caller's day; returns the day's total so far, or null when the caller has no fuel quota.</summary>
    public async ValueTask<long?> ChargeAsync(Caller caller, string toolId, ulong fuel, CancellationToken cancellationToken)
    {
        if (caller.Quota.FuelPerDay is null) return null;
        var day = QuotaWindow.DayOf(time.GetUtcNow());
        var amount = (long)Math.Min(fuel, long.MaxValue);
        await counter.AddAsync(FuelKey(caller) + "/" + toolId.ToLowerInvariant(), day, amount, cancellationToken).ConfigureAwait(false);
        return await counter.AddAsync(FuelKey(caller), day, amount, cancellationToken).ConfigureAwait(false);
    }

    private static string CallsKey(Caller caller) => "calls:" + caller.QuotaKey;

    private static string FuelKey(Caller caller) => "fuel:" + caller.QuotaKey;
}
