using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.TestCommon;

namespace Kami.Runtime.Tests.Infrastructure;

/// <summary>
/// One <see cref="ToolRuntime"/> shared by every test in the "runtime" collection: each hostile guest runs in
/// the same runtime as the echo call that follows it, which is how a test shows the host came through intact.
/// </summary>
public sealed class RuntimeFixture : IDisposable
{
    /// <summary>Deny-all with a roomy clock, so only the limit a test lowers can stop its guest.</summary>
    public static SecurityPolicy Policy { get; } = SecurityPolicy.DenyAll with { MaxExecutionMs = 30_000 };

    public ToolRuntime Runtime { get; } = new(new RuntimeOptions { MaxConcurrency = 2 });

    public static ExecutionRequest Request(string guest, string input = "{}", SecurityPolicy? policy = null) =>
        new("test." + guest, RepoPaths.Fixture(guest + ".wasm"), policy ?? Policy, input);

    /// <summary><see cref="Request"/> pinned to the fixture's SHA-256, as an installed tool's call is.</summary>
    public static ExecutionRequest PinnedRequest(string guest, string input = "{}") =>
        Request(guest, input) with { ExpectedSha256 = IntegrityHash.OfFile(RepoPaths.Fixture(guest + ".wasm")) };

    public Task<ExecutionResult> RunAsync(string guest, string input = "{}", SecurityPolicy? policy = null) =>
        Runtime.ExecuteAsync(Request(guest, input, policy));

    public Task<ExecutionResult> RunAsync(ExecutionRequest request, CancellationToken cancellation = default) =>
        Runtime.ExecuteAsync(request, cancellation);

    /// <summary>The runtime still serves: a plain echo call right after whatever the test did succeeds.</summary>
    public async Task AssertStillServesAsync()
    {
        const string input = "{\"text\":\"still here\"}";
        var result = await RunAsync("echo", input);
        Assert.Equal(input, Expect.Success(result));
    }

    public void Dispose() => Runtime.Dispose();
}
