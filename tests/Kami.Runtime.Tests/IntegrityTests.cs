using System.Security.Cryptography;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;
using Microsoft.Extensions.Time.Testing;

namespace Kami.Runtime.Tests;

/// <summary>A component runs only as the bytes approved at install, and only with imports KAMI provides.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class IntegrityTests(RuntimeFixture fixture) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_ComponentReplacedAfterInstall_NeverRunsNewBytesAndIsRefusedAtTheNextRecheck()
    {
        var clock = new FakeTimeProvider();
        using var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 1 }, clock);
        var installed = _temp.Combine("tool.wasm");
        File.Copy(RepoPaths.Fixture("echo.wasm"), installed);
        var request = new ExecutionRequest("test.pinned", installed, RuntimeFixture.Policy, "{\"n\":1}")
        {
            ExpectedSha256 = Kami.Core.Security.IntegrityHash.OfFile(installed),
        };
        Assert.Equal("{\"n\":1}", Expect.Success(await runtime.ExecuteAsync(request)));

        File.Copy(RepoPaths.Fixture("fail.wasm"), installed, overwrite: true);
        // Until the file is looked at again, calls run the verified bytes (echo), never the replacement (fail).
        Assert.Equal("{\"n\":1}", Expect.Success(await runtime.ExecuteAsync(request)));
        clock.Advance(runtime.Options.IntegrityRecheckInterval);
        var result = await runtime.ExecuteAsync(request);

        var error = Expect.Failure(result, ErrorKind.IntegrityMismatch, "test.pinned", "changed after it was installed", "kami install --force");
        Assert.DoesNotContain(_temp.Path, error, StringComparison.Ordinal);
        Assert.Equal("{\"still\":1}", Expect.Success(await runtime.ExecuteAsync(RuntimeFixture.Request("echo", "{\"still\":1}"))));
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
    public async Task Run_WasiHttpImport_RefusedPointingToKamiHttp()
    {
        var result = await fixture.RunAsync("wasi_http_import");

        Expect.Failure(result, ErrorKind.ComponentInvalid, "refused", "wasi:http/outgoing-handler@0.2.0", "cannot be checked against the tool's net_allow_list", "kami:http/outgoing@0.1.0");
    }

    [Fact]
    public void Check_UnknownImport_NamesTheImport()
    {
        var e = Assert.Throws<KamiException>(() => fixture.Runtime.Check("test.unknown_import", RepoPaths.Fixture("unknown_import.wasm")));

        Assert.Equal(ErrorKind.ComponentInvalid, e.Kind);
        Assert.Contains("evil:backdoor/shell@0.1.0", e.Message, StringComparison.Ordinal);
    }
}
