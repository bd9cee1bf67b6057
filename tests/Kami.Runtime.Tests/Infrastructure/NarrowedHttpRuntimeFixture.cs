using Kami.Core.Security.Network;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Http;

namespace Kami.Runtime.Tests.Infrastructure;

/// <summary>
/// A runtime whose operator allows loopback (as only a test would) and narrows three tools' allow-lists
/// (<c>[net_allow_list]</c>): one to localhost, one to an address the tools never list, one to nothing.
/// </summary>
public sealed class NarrowedHttpRuntimeFixture : IDisposable
{
    public const string ToLocalhost = "test.narrowed-to-localhost";
    public const string ToUnlisted = "test.narrowed-to-unlisted";
    public const string ToNothing = "test.narrowed-to-nothing";

    public ToolRuntime Runtime { get; } = new(new RuntimeOptions
    {
        MaxConcurrency = 2,
        Http = new HttpLimits
        {
            AllowPrivate = PrivateNetworkAllowance.Parse(["127.0.0.0/8", "::1"]),
            AllowLists = OperatorAllowLists.From([
                (ToLocalhost, Entries("localhost")),
                (ToUnlisted, Entries("127.0.0.1", "*.localhost")),
                (ToNothing, []),
            ]),
        },
    });

    private static AllowListEntry[] Entries(params string[] entries) => [.. entries.Select(e => AllowListEntry.Parse(e, out _)!)];

    public void Dispose() => Runtime.Dispose();
}
