using System.Diagnostics;
using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Runtime.Contracts;

namespace Kami.Runtime.Wasm;

/// <summary>
/// What the epoch-deadline callback of one Store checks on every tick: a wall-clock limit from a start time, and
/// a cancellation token. Mutable because a Store is made before its call, so both are set again when it starts.
/// </summary>
internal sealed class GuestBudget
{
    private long _started;
    private bool _ended;
    private TimeSpan _limit;
    private CancellationToken _cancellation;
    private string _toolId = "";
    private SecurityPolicy _policy = SecurityPolicy.DenyAll;

    /// <param name="toolId">The tool, for the wording of a limit error.</param>
    /// <param name="policy">Where the call's time and fuel limits come from.</param>
    /// <param name="spent">Time the guest already used for this call (its start functions, when they ran earlier).</param>
    /// <param name="cancellation">The caller's cancellation, which stops the guest at the next epoch tick.</param>
    public void Start(string toolId, SecurityPolicy policy, TimeSpan spent, CancellationToken cancellation)
    {
        _toolId = toolId;
        _policy = policy;
        _limit = TimeSpan.FromMilliseconds(policy.MaxExecutionMs) - spent;
        _cancellation = cancellation;
        _started = Stopwatch.GetTimestamp();
        _ended = false;
    }

    /// <summary>Wall clock the call has left (zero or less when spent); bounds what a host function may wait for.</summary>
    public TimeSpan Remaining => _limit - Stopwatch.GetElapsedTime(_started);

    /// <summary>The caller's cancellation, for host functions that block (an outbound request).</summary>
    public CancellationToken Cancellation => _cancellation;

    /// <summary>The policy of the call (its net_allow_list, for outbound requests).</summary>
    public SecurityPolicy Policy => _policy;

    /// <summary>Epoch-deadline callback: ends the guest on cancellation or when the time is spent, else one more tick.</summary>
    public ulong OnTick() => Spent() is { } error ? throw new GuestStoppedException(error) : 1UL;

    /// <summary>
    /// Why the call must end now (cancelled, or its time spent), or null. Also read when the guest returns an error:
    /// a host function that gave up because the call's time ran out (an outbound request) lets the guest return
    /// before the next tick, and that call ended at its limit, not by the tool's choice.
    /// </summary>
    public ExecutionError? Spent()
    {
        if (_cancellation.IsCancellationRequested) return GuestErrors.Cancelled(_toolId);
        if (_ended || Stopwatch.GetElapsedTime(_started) >= _limit) return GuestErrors.TimeLimit(_toolId, _policy);
        return null;
    }

    /// <summary>
    /// Marks the time as spent now: a host function that waited out the call's remaining time says so, since its
    /// timer and this clock may disagree by a fraction of a millisecond.
    /// </summary>
    public void EndNow() => _ended = true;
}
