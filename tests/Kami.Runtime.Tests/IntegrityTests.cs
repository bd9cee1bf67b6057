using System.Security.Cryptography;
using Kami.Core.Errors;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>A component runs only as the bytes approved at install, and only with imports KAMI provides.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class IntegrityTests(RuntimeFixture fixture) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_ComponentReplacedAfterInstall_NeverRunsNewBytesAndIsRefusedWithinTheRecheckInterval()
    {
        var installed = _temp.Combine("tool.wasm");
        File.Copy(RepoPaths.Fixture("echo.wasm"), installed);
        var request = new ExecutionRequest("test.pinned", installed, RuntimeFixture.Policy, "{\"n\":1}")
        {
            ExpectedSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(installed))),
        };
        Assert.Equal("{\"n\":1}", Expect.Success(await fixture.RunAsync(request)));

        File.Copy(RepoPaths.Fixture("fail.wasm"), installed, overwrite: true);
        var replaced = System.Diagnostics.Stopwatch.StartNew();
        ExecutionResult result;
        // Until the file is looked at again, calls run the verified bytes (echo), never the replacement (fail).
        while ((result = await fixture.RunAsync(request)).Ok && replaced.Elapsed < TimeSpan.FromSeconds(10))
            Assert.Equal("{\"n\":1}", result.Output);

        var error = Expect.Failure(result, ErrorKind.IntegrityMismatch, "test.pinned", "changed after it was installed", "kami install --force");
        Assert.True(replaced.Elapsed < fixture.Runtime.Options.IntegrityRecheckInterval + TimeSpan.FromSeconds(2), $"refused only after {replaced.Elapsed}");
        Assert.DoesNotContain(_temp.Path, error, StringComparison.Ordinal);
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_ZeroRecheckInterval_RefusesReplacedComponentOnTheNextCall()
    {
        using var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 1, IntegrityRecheckInterval = TimeSpan.Zero });
        var installed = _temp.Combine("strict.wasm");
        File.Copy(RepoPaths.Fixture("echo.wasm"), installed);
        var request = new ExecutionRequest("test.strict", installed, RuntimeFixture.Policy, "{}")
        {
            ExpectedSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(installed))),
        };
        Expect.Success(await runtime.ExecuteAsync(request));

        File.Copy(RepoPaths.Fixture("fail.wasm"), installed, overwrite: true);

        Expect.Failure(await runtime.ExecuteAsync(request), ErrorKind.IntegrityMismatch, "changed after it was installed");
    }

    [Fact]
    public async Task Run_UnknownImport_RefusedBeforeRun()
    {
        var result = await fixture.RunAsync("unknown_import");

        Expect.Failure(result, ErrorKind.ComponentInvalid, "refused", "evil:backdoor/shell@0.1.0");
        Assert.Equal(TimeSpan.Zero, result.Metrics.Duration);
        Assert.Equal(0UL, result.Metrics.FuelUsed);
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public void Check_UnknownImport_NamesTheImport()
    {
        var e = Assert.Throws<KamiException>(() => fixture.Runtime.Check("test.unknown_import", RepoPaths.Fixture("unknown_import.wasm")));

        Assert.Equal(ErrorKind.ComponentInvalid, e.Kind);
        Assert.Contains("evil:backdoor/shell@0.1.0", e.Message, StringComparison.Ordinal);
    }
}
