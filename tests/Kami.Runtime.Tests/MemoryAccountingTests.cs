using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>
/// Hardening, memory accounting: max_memory_mb holds for all of a call's linear memories and tables together,
/// with or without the pooling allocator, not for each one on its own.
/// </summary>
[Collection(RuntimeCollection.Name)]
public sealed class MemoryAccountingTests(RuntimeFixture fixture)
{
    private static readonly Core.Security.SecurityPolicy Policy64 = RuntimeFixture.Policy with { MaxMemoryMb = 64 };

    [Fact]
    public async Task Run_EightMemoriesOf60MiB_ShareTheMemoryLimit()
    {
        var result = await fixture.RunAsync("memory_hog", policy: Policy64);

        // Each memory that grew holds 60 MiB: under a 64 MiB limit for the call, at most one may.
        var grown = Grown(Expect.Success(result));
        Assert.True(grown <= 1, $"{grown} memories of 60 MiB each grew under a 64 MiB limit");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_TwentyEightTablesOfAMillion_ShareTheMemoryLimit()
    {
        var result = await fixture.RunAsync("table_hog", policy: Policy64);

        // A million entries are 8 MB: more than eight such tables cannot fit in 64 MiB with anything else.
        var grown = Grown(Expect.Success(result));
        Assert.True(grown * 8 < 64, $"{grown} tables of a million entries grew under a 64 MiB limit");
        await fixture.AssertStillServesAsync();
    }

    [Theory]
    [InlineData("memory_hog")]
    [InlineData("table_hog")]
    public async Task Run_HogsWithoutPoolingAllocator_ShareTheMemoryLimit(string guest)
    {
        using var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 1, PoolingAllocator = false });

        var result = await runtime.ExecuteAsync(RuntimeFixture.Request(guest, policy: Policy64));

        var grown = Grown(Expect.Success(result));
        Assert.True(guest == "memory_hog" ? grown <= 1 : grown * 8 < 64, $"{guest}: {grown} grew under a 64 MiB limit");
    }

    [Fact]
    public void Plan_MemoriesWhoseMinimumsCannotShareTheLimit_IsRefusedNamingIt()
    {
        var shape = new Wasm.ComponentShape([new(40UL << 20, null), new(40UL << 20, null)], []);

        var plan = Wasm.MemoryPlan.For(shape, Policy64);

        Assert.Equal("its 2 linear memories and 0 tables", plan.Refusal);
        var error = Contracts.GuestErrors.MemoryLayout("test.x", Policy64, plan.Refusal!);
        Assert.Equal(ResourceLimit.Memory, error.Limit);
        Assert.Contains("64 MiB (max_memory_mb)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_RealCGuest_HasOneMemoryAndBoundedTables()
    {
        var shape = Wasm.ComponentShape.Read(File.ReadAllBytes(RepoPaths.Fixture("write_file.wasm")));

        Assert.NotNull(shape);
        Assert.Single(shape.Memories);
        Assert.All(shape.Tables, t => Assert.NotNull(t.Max));
        var plan = Wasm.MemoryPlan.For(shape, Policy64);
        Assert.True(plan.MemoryBytes > 63L << 20, $"a one-memory C guest gets only {plan.MemoryBytes:N0} bytes of 64 MiB");
        Assert.Null(plan.Refusal);
    }

    [Fact]
    public void Shape_EightMemoryHog_GetsAnEighthEach()
    {
        var shape = Wasm.ComponentShape.Read(File.ReadAllBytes(RepoPaths.Fixture("memory_hog.wasm")));

        Assert.NotNull(shape);
        Assert.Equal(9, shape.Memories.Count);
        var plan = Wasm.MemoryPlan.For(shape, Policy64);
        Assert.True(plan.MemoryBytes * plan.Memories + (long)plan.Tables * plan.TableElements * Wasm.MemoryPlan.TableElementBytes <= 64L << 20);
    }

    private static int Grown(string output)
    {
        Assert.StartsWith("grew ", output, StringComparison.Ordinal);
        return int.Parse(output.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture);
    }
}
