using Kami.Core.Security.Network;
using Kami.Runtime.Execution;
using Kami.Runtime.Http;

namespace Kami.Runtime.Tests.Infrastructure;

/// <summary>
/// Two runtimes for outbound HTTP tests: one whose operator allows loopback (<c>net_allow_private</c>, as only a
/// test would), so guests can reach the loopback test servers, and one with the default (no private address).
/// </summary>
public sealed class HttpRuntimeFixture : IDisposable
{
    public ToolRuntime Loopback { get; } = new(new RuntimeOptions
    {
        MaxConcurrency = 2,
        Http = new HttpLimits { AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.0/8", "::1"]) },
    });

    public ToolRuntime Default { get; } = new(new RuntimeOptions { MaxConcurrency = 1 });

    public void Dispose()
    {
        Loopback.Dispose();
        Default.Dispose();
    }
}
