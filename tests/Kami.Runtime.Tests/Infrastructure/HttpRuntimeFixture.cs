using Kami.Core.Security.Network;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Http;

namespace Kami.Runtime.Tests.Infrastructure;

/// <summary>
/// Two runtimes for outbound HTTP tests: one whose operator allows loopback (<c>net_allow_private</c>, as only a
/// test would), so guests can reach the loopback test servers, and one with the default (no private address).
/// </summary>
public sealed class HttpRuntimeFixture : IDisposable
{
    /// <summary>The credential the operator configured for test.http-fetch (<see cref="Loopback"/>, <see cref="WithCredential"/>).</summary>
    public const string Secret = "Bearer s3cret-token";

    private static readonly HttpLimits LoopbackHttp = new() { AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.0/8", "::1"]) };

    /// <summary>
    /// Loopback allowed, and <see cref="Secret"/> for test.http-fetch on <c>localhost</c> alone, that is its scheme's
    /// default port, where no test server listens: requests to the servers' ports must go without it.
    /// </summary>
    public ToolRuntime Loopback { get; } = new(new RuntimeOptions { MaxConcurrency = 2, Http = LoopbackHttp with { Credentials = For("localhost") } });

    public ToolRuntime Default { get; } = new(new RuntimeOptions { MaxConcurrency = 1 });

    /// <summary>
    /// A runtime like <see cref="Loopback"/> whose operator gives test.http-fetch <see cref="Secret"/> for
    /// <paramref name="origin"/> (a net_credentials key: a test server's <c>localhost:port</c>); the test disposes it.
    /// </summary>
    public static ToolRuntime WithCredential(string origin) =>
        new(new RuntimeOptions { MaxConcurrency = 1, PoolingAllocator = false, Http = LoopbackHttp with { Credentials = For(origin) } });

    /// <summary>
    /// A loopback runtime whose epoch never ticks during a test, so only a host function's own check can end a call at
    /// its time limit: what a loaded machine does when the guest returns before the next tick. The test disposes it.
    /// </summary>
    public static ToolRuntime WithoutEpochTicks() =>
        new(new RuntimeOptions { MaxConcurrency = 1, PoolingAllocator = false, EpochTick = TimeSpan.FromMinutes(10), Http = LoopbackHttp });

    private static NetCredentials For(string origin) =>
        NetCredentials.From([("test.http-fetch", CredentialOrigin.Parse(origin), new NetCredential("Authorization", Secret))]);

    public void Dispose()
    {
        Loopback.Dispose();
        Default.Dispose();
    }
}
