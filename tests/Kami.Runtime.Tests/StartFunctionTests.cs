using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using Kami.Runtime.Execution;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>Hardening, start functions: the fuel and time a component spends being instantiated belong to the call.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class StartFunctionTests(RuntimeFixture fixture)
{
    // The guest's constructor counts to 2,000,000 before run is called; every iteration costs fuel.
    private const ulong StartLoop = 2_000_000;

    [Fact]
    public async Task Run_StartFunctionBurnsFuel_FuelIsBilledToTheCall()
    {
        var result = await fixture.RunAsync("start_burner");

        Assert.Equal("started", Expect.Success(result));
        Assert.True(result.Metrics.FuelUsed >= StartLoop, $"reported {result.Metrics.FuelUsed:N0} fuel for a call whose start alone counts to {StartLoop:N0}");
    }

    [Fact]
    public async Task Run_StartFunctionAndCallTogetherExceedFuel_StopsAtFuelLimit()
    {
        var whole = (await fixture.RunAsync("start_burner")).Metrics.FuelUsed;
        // Wasmtime checks fuel at block boundaries, so stop well short of the whole (the start alone is ~14 million).
        var policy = RuntimeFixture.Policy with { MaxFuel = whole - 10_000 };

        var result = await fixture.RunAsync("start_burner", policy: policy);

        Expect.Failure(result, ErrorKind.LimitExceeded, "ran out of fuel", "max_fuel");
        Assert.Equal(policy.MaxFuel, result.Metrics.FuelUsed);
    }

    [Fact]
    public async Task Run_StartFunctionAloneExceedsFuel_ReportsAllFuelUsed()
    {
        var policy = RuntimeFixture.Policy with { MaxFuel = 1_000_000 };

        var result = await fixture.RunAsync("start_burner", policy: policy);

        Expect.Failure(result, ErrorKind.LimitExceeded, "ran out of fuel", "1,000,000", "max_fuel");
        Assert.Equal(policy.MaxFuel, result.Metrics.FuelUsed);
    }

    [Fact]
    public async Task Run_InstanceMadeAhead_StillBillsItsStartFunction()
    {
        using var runtime = new ToolRuntime(new RuntimeOptions { MaxConcurrency = 1 });
        var first = await runtime.ExecuteAsync(RuntimeFixture.Request("start_burner"));
        await WaitForReadyInstanceAsync(runtime);

        var second = await runtime.ExecuteAsync(RuntimeFixture.Request("start_burner"));

        Assert.True(runtime.ReadyInstances.UsedCount >= 1, "the second call did not use the instance made ahead");
        Assert.Equal(first.Metrics.FuelUsed, second.Metrics.FuelUsed);
    }

    private static async Task WaitForReadyInstanceAsync(ToolRuntime runtime)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (runtime.ReadyInstances.MadeCount == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the idle worker made no instance for the next call");
            await Task.Delay(5);
        }
    }
}
