using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests.Caching;

/// <summary>
/// <see cref="ToolRuntime.Prepare"/>: a server gets the tools it just listed ready for their first call, from what an
/// earlier process compiled, with the checks a call makes; it never compiles, and a tool that fails a check is left
/// for its call to refuse.
/// </summary>
public sealed class FirstCallPreparationTests : IDisposable
{
    private const string EchoInput = "{\"text\":\"prepared\"}";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string CacheDir => _temp.Combine("cache");

    private ToolRuntime NewRuntime() => new(new RuntimeOptions { MaxConcurrency = 1, CompiledCacheDirectory = CacheDir });

    private static ExecutionRequest Echo() => RuntimeFixture.PinnedRequest("echo", EchoInput);

    private async Task CompileInAnEarlierProcessAsync()
    {
        using var earlier = NewRuntime();
        Assert.Equal(EchoInput, Expect.Success(await earlier.ExecuteAsync(Echo())));
    }

    private static async Task WaitForReadyInstanceAsync(ToolRuntime runtime)
    {
        for (var waited = 0; runtime.ReadyInstanceCount == 0; waited += 10)
        {
            Assert.True(waited < 30_000, "no instance was made ahead within 30 s of Prepare");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Prepare_CompiledByAnEarlierProcess_FirstCallRunsOnAnInstanceMadeAhead()
    {
        await CompileInAnEarlierProcessAsync();
        using var runtime = NewRuntime();

        Assert.True(runtime.Prepare(Echo()));
        await WaitForReadyInstanceAsync(runtime);
        var result = await runtime.ExecuteAsync(Echo());

        Assert.Equal(EchoInput, Expect.Success(result));
        Assert.Equal(1, runtime.ReadyInstances.UsedCount);
        Assert.Equal((0, 1), runtime.Compilations);
    }

    [Fact]
    public async Task Prepare_NeverCompiledInThisHome_PreparesAndCompilesNothing()
    {
        using var runtime = NewRuntime();

        Assert.False(runtime.Prepare(Echo()));
        await Task.Delay(200); // an idle worker that was nudged would have made an instance by now

        Assert.Equal((0, 0), runtime.Compilations);
        Assert.Equal(0, runtime.ReadyInstanceCount);
    }

    [Fact]
    public void Prepare_Unpinned_PreparesNothing()
    {
        // Dev mode runs unpinned files straight from the author's build; nothing is loaded ahead of a call there.
        using var runtime = NewRuntime();

        Assert.False(runtime.Prepare(Echo() with { ExpectedSha256 = null }));
        Assert.Equal((0, 0), runtime.Compilations);
    }

    [Fact]
    public async Task Prepare_ToolMayReachTheNetwork_LoadedButNotInstantiatedBeforeItsFirstCall()
    {
        // Instantiating runs a component's start functions; a listed tool that may send requests must not run any
        // code before somebody calls it.
        await CompileInAnEarlierProcessAsync();
        using var runtime = NewRuntime();
        var networked = Echo() with { Policy = RuntimeFixture.Policy with { NetAllowList = ["example.com"] } };

        Assert.True(runtime.Prepare(networked));
        await Task.Delay(200); // an idle worker that was nudged would have made an instance by now

        Assert.Equal(0, runtime.ReadyInstances.MadeCount);
        Assert.Equal((0, 1), runtime.Compilations);
    }

    [Fact]
    public async Task Load_TwoFirstCallsOfOneToolAtOnce_CompiledOnce()
    {
        // A call that comes while the warm-up (or another call) is loading its tool waits for that load instead of
        // doing it again beside it: here two first calls with nothing compiled yet, on two workers.
        using var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 2, PrepareInstances = false });

        var results = await Task.WhenAll(runtime.ExecuteAsync(Echo()), runtime.ExecuteAsync(Echo()));

        Assert.All(results, r => Assert.Equal(EchoInput, Expect.Success(r)));
        Assert.Equal((1, 0), runtime.Compilations);
    }

    [Fact]
    public async Task Prepare_ComponentChangedSinceInstall_PreparesNothingAndTheCallIsRefused()
    {
        await CompileInAnEarlierProcessAsync();
        var changed = _temp.Combine("echo.wasm");
        File.Copy(RepoPaths.Fixture("log.wasm"), changed);
        using var runtime = NewRuntime();

        Assert.False(runtime.Prepare(Echo() with { WasmFile = changed }));
        var result = await runtime.ExecuteAsync(Echo() with { WasmFile = changed });

        Expect.Failure(result, ErrorKind.IntegrityMismatch, "changed after it was installed");
        Assert.Equal(0, runtime.ReadyInstanceCount);
        Assert.Equal(0, runtime.ReadyInstances.UsedCount);
    }
}
