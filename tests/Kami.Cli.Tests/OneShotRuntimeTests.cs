using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Issue 10's bug: exec, run and validate build their runtime from the same settings (one owner).</summary>
public sealed class OneShotRuntimeTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private void Config(string toml)
    {
        Directory.CreateDirectory(_cli.Home);
        File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), toml);
    }

    [Fact]
    public async Task Validate_PoolingAllocatorFalse_RuntimeHonoursIt()
    {
        Config("pooling_allocator = false\n");

        (await _cli.RunAsync("validate", RepoPaths.Example("echo"))).Ok();

        Assert.False(Assert.Single(_cli.Runtimes).PoolingAllocator);
    }

    [Fact]
    public async Task ExecRunValidate_SameSettings_SameRuntimeOptions()
    {
        Config("pooling_allocator = false\nenv_deny_list = [\"AWS_SECRET_ACCESS_KEY\"]\n");
        (await _cli.RunAsync("install", RepoPaths.Example("echo"))).Ok();

        (await _cli.RunAsync("validate", RepoPaths.Example("echo"))).Ok();
        (await _cli.RunAsync("run", RepoPaths.Example("echo"), "-i", "{\"text\":\"a\"}")).Ok();
        (await _cli.RunAsync("exec", "dev.kami.echo", "-i", "{\"text\":\"a\"}")).Ok();

        // install compiles the tool ahead (into the compiled cache) with a one-shot runtime too.
        Assert.Equal(4, _cli.Runtimes.Count);
        Assert.All(_cli.Runtimes, options =>
        {
            // The signature policy looks trusted signers up in each command's own registry: equal but for that lookup.
            Assert.Equal(_cli.Runtimes[0] with { Signatures = null }, options with { Signatures = null });
            Assert.False(options.Signatures!.RequireSignature);
            Assert.False(options.PoolingAllocator);
            Assert.Equal(1, options.MaxConcurrency);
            Assert.False(options.PrepareInstances);
            Assert.Equal(["AWS_SECRET_ACCESS_KEY"], options.EnvDenyList.Names);
            Assert.Equal(Path.Combine(_cli.Home, "cache"), options.CompiledCacheDirectory);
        });
    }
}
