namespace Kami.Runtime.Contracts;

/// <summary>
/// Cost of one call. <see cref="MemoryLimitBytes"/> is the cap the guest ran under; Wasmtime's .NET binding
/// exposes no per-store memory-usage counter, so a measured peak is not available.
/// </summary>
public sealed record ExecutionMetrics(TimeSpan Duration, ulong FuelUsed, long MemoryLimitBytes, TimeSpan QueueWait)
{
    /// <summary>All zero: for calls that failed before a guest ran.</summary>
    public static ExecutionMetrics Empty { get; } = new(TimeSpan.Zero, 0, 0, TimeSpan.Zero);

    /// <summary>The outbound HTTP requests the call made (kami:http/outgoing), in order; empty for most tools.</summary>
    public IReadOnlyList<HttpExchange> Http { get; init; } = [];

    /// <summary>Outbound requests made (fetch calls; redirect hops are part of their request).</summary>
    public int HttpRequests => Http.Count;

    // Index loops, not foreach: no enumerator is boxed, so a call without HTTP pays nothing to be summed.

    /// <summary>Request body bytes sent over every request and hop.</summary>
    public long HttpBytesSent
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < Http.Count; i++) sum += Http[i].BytesSent;
            return sum;
        }
    }

    /// <summary>Response body bytes read over every request and hop.</summary>
    public long HttpBytesReceived
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < Http.Count; i++) sum += Http[i].BytesReceived;
            return sum;
        }
    }
}
