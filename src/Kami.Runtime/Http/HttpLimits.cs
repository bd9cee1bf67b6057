using Kami.Core.Security.Network;

namespace Kami.Runtime.Http;

/// <summary>The operator's bounds on outbound HTTP; a tool's request can only ask for less.</summary>
public sealed record HttpLimits
{
    /// <summary>Largest request body a tool may send (default 1 MiB).</summary>
    public int MaxRequestBytes { get; init; } = 1 << 20;
    /// <summary>Largest response body a tool may receive (default 4 MiB); reading stops there with <c>too-large</c>.</summary>
    public int MaxResponseBytes { get; init; } = 4 << 20;
    /// <summary>
    /// Largest response body returned as <c>bytes</c> (not UTF-8; default 1 MiB). Lower than the text bound because the
    /// .NET binding builds one object per element of a <c>list&lt;u8&gt;</c>: ~96 bytes of host memory and ~0.15 µs per
    /// byte (1 MiB: ~96 MiB allocated, ~180 ms), where a string costs about its size.
    /// </summary>
    public int MaxBinaryResponseBytes { get; init; } = 1 << 20;
    /// <summary>The default of <see cref="MaxRequestsPerCall"/>.</summary>
    public const int DefaultMaxRequestsPerCall = 16;
    /// <summary>Requests per call (default 16); each redirect hop is part of the request that caused it.</summary>
    public int MaxRequestsPerCall { get; init; } = DefaultMaxRequestsPerCall;
    /// <summary>Redirects followed per request (default 5), each checked like the first request.</summary>
    public int MaxRedirects { get; init; } = 5;
    /// <summary>Timeout of a request that names none, and the longest one may ask for (default 10 s).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Non-public networks and host names tools may reach all the same (<c>net_allow_private</c>); none by default.</summary>
    public PrivateNetworkAllowance AllowPrivate { get; init; } = PrivateNetworkAllowance.None;
    /// <summary>Headers the host injects per tool and exact host (<c>net_credentials</c>); none by default.</summary>
    public NetCredentials Credentials { get; init; } = NetCredentials.None;
    /// <summary>The operator's per-tool narrowing of declared allow-lists (<c>[net_allow_list]</c>); none by default.</summary>
    public OperatorAllowLists AllowLists { get; init; } = OperatorAllowLists.None;
}
