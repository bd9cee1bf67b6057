using System.Security.Cryptography;
using Kami.Runtime.Caching;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;
using Wasmtime;
using Wasmtime.Components;

namespace Kami.Runtime.Tests.Caching;

/// <summary>
/// The on-disk compiled cache: a fresh process loads what another compiled, and never runs an artifact that does not
/// verify (corrupt, planted from another home, made by another engine); it rebuilds it instead.
/// </summary>
public sealed class CompiledCacheTests : IDisposable
{
    private const string EchoInput = "{\"text\":\"cached\"}";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string CacheDir(string home = "home") => _temp.Combine(home, "cache");

    private static ToolRuntime NewRuntime(string cacheDir, long maxBytes = 1L << 30) =>
        new(new RuntimeOptions { MaxConcurrency = 1, PrepareInstances = false, CompiledCacheDirectory = cacheDir, CompiledCacheMaxBytes = maxBytes });

    private static ExecutionRequest Echo() => RuntimeFixture.PinnedRequest("echo", EchoInput);

    private static string Sha(string fixture) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RepoPaths.Fixture(fixture))));

    private static string Artifact(string cacheDir) => Directory.GetFiles(cacheDir, "*" + CompiledCache.Extension).Single();

    private static async Task<ToolRuntime> RunEchoAsync(string cacheDir)
    {
        var runtime = NewRuntime(cacheDir);
        Assert.Equal(EchoInput, Expect.Success(await runtime.ExecuteAsync(Echo())));
        return runtime;
    }

    [Fact]
    public async Task Load_ArtifactFromEarlierProcess_SkipsCompilation()
    {
        using (var first = await RunEchoAsync(CacheDir()))
            Assert.Equal((1, 0), first.Compilations);

        using var second = await RunEchoAsync(CacheDir());

        Assert.Equal((0, 1), second.Compilations);
        Assert.Equal(1, second.CompiledCache!.Counts.Hits);
    }

    [Fact]
    public async Task Load_WasmChangedButArtifactOfPinCached_RefusedNotRun()
    {
        // The compiled form of the pinned bytes is looked up while the file is hashed; a file that no longer matches
        // the pin is refused all the same, and nothing compiled from it is stored.
        using (await RunEchoAsync(CacheDir())) { }
        var changed = _temp.Combine("echo.wasm");
        File.Copy(RepoPaths.Fixture("log.wasm"), changed);
        using var runtime = NewRuntime(CacheDir());

        var result = await runtime.ExecuteAsync(Echo() with { WasmFile = changed });

        Expect.Failure(result, Kami.Core.Errors.ErrorKind.IntegrityMismatch, "changed after it was installed");
        Assert.Equal((0, 1), runtime.Compilations);
        Assert.Equal(0, runtime.CompiledCache!.Counts.Written);
        Assert.Single(Directory.GetFiles(CacheDir(), "*" + CompiledCache.Extension));
    }

    [Fact]
    public async Task Load_CorruptArtifact_RefusedAndRebuilt()
    {
        using (await RunEchoAsync(CacheDir())) { }
        var artifact = Artifact(CacheDir());
        var bytes = File.ReadAllBytes(artifact);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(artifact, bytes);

        using (var corrupt = await RunEchoAsync(CacheDir()))
        {
            Assert.Equal((1, 0), corrupt.Compilations);
            Assert.Equal(1, corrupt.CompiledCache!.Counts.Rejected);
        }
        using var rebuilt = await RunEchoAsync(CacheDir());
        Assert.Equal((0, 1), rebuilt.Compilations);
    }

    [Fact]
    public async Task Load_TruncatedArtifact_RefusedAndRebuilt()
    {
        using (await RunEchoAsync(CacheDir())) { }
        var artifact = Artifact(CacheDir());
        File.WriteAllBytes(artifact, File.ReadAllBytes(artifact)[..20]);

        using var truncated = await RunEchoAsync(CacheDir());

        Assert.Equal((1, 0), truncated.Compilations);
        Assert.Equal(1, truncated.CompiledCache!.Counts.Rejected);
    }

    [Fact]
    public async Task Load_PlantedArtifactOfAnotherProgram_RefusedAndTheApprovedBytesRun()
    {
        // Another home compiles fail.wasm: a well-formed artifact, signed with that home's key, of another program.
        using (var other = NewRuntime(CacheDir("other")))
            Assert.IsType<ExecutionResult.Failed>(await other.ExecuteAsync(RuntimeFixture.PinnedRequest("fail")));
        using (await RunEchoAsync(CacheDir())) { }
        File.Copy(Artifact(CacheDir("other")), Artifact(CacheDir()), overwrite: true);

        // RunEchoAsync asserts the echo output: the approved bytes ran, not the planted program.
        using var victim = await RunEchoAsync(CacheDir());

        Assert.Equal((1, 0), victim.Compilations);
        Assert.Equal(1, victim.CompiledCache!.Counts.Rejected);
    }

    [Fact]
    public async Task Load_StaleArtifactFromOtherEngineSettings_RefusedAndRebuilt()
    {
        // Signed with this home's key under the right key, but compiled by an engine without fuel or epochs: loading it
        // would run a guest no limit can stop. Wasmtime refuses it, and it is rebuilt.
        using (var runtime = NewRuntime(CacheDir()))
        {
            using var config = new Config().WithComponentModel(true);
            using var engine = new Engine(config);
            using var component = Component.FromBytes(engine, File.ReadAllBytes(RepoPaths.Fixture("echo.wasm")));
            runtime.CompiledCache!.Write(Sha("echo.wasm") + "|" + runtime.EngineFingerprint, component.Serialize());
        }

        using var stale = await RunEchoAsync(CacheDir());

        Assert.Equal((1, 0), stale.Compilations);
        Assert.Equal(1, stale.CompiledCache!.Counts.Rejected);
        using var rebuilt = await RunEchoAsync(CacheDir());
        Assert.Equal((0, 1), rebuilt.Compilations);
    }

    [Fact]
    public async Task Load_DifferentEngineFingerprint_CompilesAgain()
    {
        using (await RunEchoAsync(CacheDir())) { }

        using var otherStack = new ToolRuntime(new RuntimeOptions
        {
            MaxConcurrency = 1, PrepareInstances = false, CompiledCacheDirectory = CacheDir(), MaxStackBytes = 512 << 10,
        });
        Expect.Success(await otherStack.ExecuteAsync(Echo()));

        Assert.Equal((1, 0), otherStack.Compilations);
    }

    [Fact]
    public async Task Load_ArtifactCompiledUnderPoolingAllocator_LoadedByOnDemandEngine()
    {
        using (await RunEchoAsync(CacheDir())) { }

        using var onDemand = new ToolRuntime(new RuntimeOptions
        {
            MaxConcurrency = 1, PrepareInstances = false, CompiledCacheDirectory = CacheDir(), PoolingAllocator = false,
        });
        Assert.Equal(EchoInput, Expect.Success(await onDemand.ExecuteAsync(Echo())));

        Assert.Equal((0, 1), onDemand.Compilations);
    }

    [Fact]
    public async Task Cache_Files_AreReadableByTheOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        using (await RunEchoAsync(CacheDir())) { }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(CacheDir()));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(CacheDir(), "key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Artifact(CacheDir())));
    }
}
