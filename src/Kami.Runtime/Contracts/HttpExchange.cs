using Kami.Core.Security.Network;

namespace Kami.Runtime.Contracts;

/// <summary>
/// One outbound request of a call (one <c>fetch</c>), for audit and metrics: every hop in order (the request, then each
/// redirect followed or refused), so every host contacted and every refusal shows. Never empty.
/// </summary>
public sealed record HttpExchange(IReadOnlyList<HttpHop> Hops)
{
    /// <summary>The method the tool asked for.</summary>
    public string Method => Hops[0].Method;

    /// <summary>The host the tool asked for (later hops may be elsewhere).</summary>
    public string Host => Hops[0].Host;

    /// <summary>The status of the last hop; null when the request ended in an error before an answer.</summary>
    public int? Status => Hops[^1].Status;

    /// <summary>The error case the tool got (kami:http/outgoing), null when it got a response.</summary>
    public string? Error => Hops[^1].Error;

    /// <summary>Request body bytes sent, over every hop.</summary>
    public long BytesSent
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < Hops.Count; i++) sum += Hops[i].BytesSent;
            return sum;
        }
    }

    /// <summary>Response body bytes read, over every hop.</summary>
    public long BytesReceived
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < Hops.Count; i++) sum += Hops[i].BytesReceived;
            return sum;
        }
    }
}
