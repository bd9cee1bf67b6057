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
    /// <summary>The credential the operator configured for test.http-fetch on localhost.</summary>
    public const string Secret = "Bearer s3cret-token";

    public ToolRuntime Loopback { get; } = new(new RuntimeOptions
    {
        MaxConcurrency = 2,
        Http = new HttpLimits
        {
            AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.0/8", "::1"]),
            Credentials = NetCredentials.From([("test.http-fetch", "localhost", new NetCredential("Authorization", Secret))]),
        },
    });

    public ToolRuntime Default { get; } = new(new RuntimeOptions { MaxConcurrency = 1 });

    public void Dispose()
    {
        Loopback.Dispose();
        Default.Dispose();
    }
}
