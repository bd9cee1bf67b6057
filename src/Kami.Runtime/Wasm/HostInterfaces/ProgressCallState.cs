using System.Diagnostics;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// One call's progress reports so far: the last value forwarded (progress must grow) and a token bucket (a burst,
/// then a steady rate, and a cap per call), so a guest reporting in a tight loop cannot flood the client.
/// </summary>
internal sealed class ProgressCallState
{
    public const int Burst = 10;
    public const double PerSecond = 20;
    public const int MaxPerCall = 1_000;

    private double _tokens = Burst;
    private long _refilled = Stopwatch.GetTimestamp();

    public double? Last { get; private set; }
    public int Forwarded { get; private set; }

    /// <summary>Whether a report of <paramref name="progress"/> goes to the client; records it when it does.</summary>
    public bool TryForward(double progress, double? total)
    {
        if (Last is { } last && progress <= last) return false;
        if (Forwarded >= MaxPerCall) return false;
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(Burst, _tokens + Stopwatch.GetElapsedTime(_refilled, now).TotalSeconds * PerSecond);
        _refilled = now;
        // The report that reaches the total ends the bar on the client: it goes even when the bucket is empty.
        var final = total is { } t && progress >= t;
        if (_tokens < 1 && !final) return false;
        _tokens = Math.Max(0, _tokens - 1);
        Last = progress;
        Forwarded++;
        return true;
    }
}
