using System.Diagnostics;
using System.Text.RegularExpressions;
using Kami.Core.Errors;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

[Collection(RuntimeCollection.Name)]
public sealed class LimitTests(RuntimeFixture fixture)
{
    private const ulong PlentyOfFuel = 1_000_000_000_000_000;

    [Fact]
    public async Task Run_LoopingGuest_StopsAtTimeLimit()
    {
        var policy = RuntimeFixture.Policy with { MaxExecutionMs = 200, MaxFuel = PlentyOfFuel };
        var clock = Stopwatch.StartNew();

        var result = await fixture.RunAsync("loop", policy: policy);

        clock.Stop();
        Expect.Failure(result, ErrorKind.LimitExceeded, "time limit", "200 ms", "max_execution_ms");
        Assert.InRange(result.Metrics.Duration, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1_000));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the call took {clock.Elapsed} for a 200 ms budget");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_LoopingGuest_StopsAtFuelLimit()
    {
        var policy = RuntimeFixture.Policy with { MaxFuel = 1_000_000 };

        var result = await fixture.RunAsync("loop", policy: policy);

        Expect.Failure(result, ErrorKind.LimitExceeded, "ran out of fuel", "1,000,000", "max_fuel");
        Assert.Equal(1_000_000UL, result.Metrics.FuelUsed);
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_FuelBurner_StopsAtFuelLimit()
    {
        var policy = RuntimeFixture.Policy with { MaxFuel = 10_000_000 };

        var result = await fixture.RunAsync("fuel_burner", policy: policy);

        Expect.Failure(result, ErrorKind.LimitExceeded, "ran out of fuel", "10,000,000", "max_fuel");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_MemoryBomb_GetsNoMoreThanItsMemoryLimit()
    {
        var policy = RuntimeFixture.Policy with { MaxMemoryMb = 16 };

        var result = await fixture.RunAsync("memory_bomb", policy: policy);

        // The guest allocates until malloc fails and reports how far it got.
        var error = Expect.Failure(result, ErrorKind.GuestFailed, "out of memory after");
        var mib = int.Parse(Regex.Match(error, @"after (\d+) MiB").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(mib, 1, 16);
        Assert.Equal(16L << 20, result.Metrics.MemoryLimitBytes);
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_RunawayRecursion_StopsAtStackLimit()
    {
        var result = await fixture.RunAsync("recursion");

        Expect.Failure(result, ErrorKind.LimitExceeded, "maximum stack depth");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_HugeOutput_RefusedAtOutputLimit()
    {
        var result = await fixture.RunAsync("huge_output");

        var limit = fixture.Runtime.Options.MaxOutputBytes;
        Expect.Failure(result, ErrorKind.LimitExceeded, "output limit", $"{32 << 20:N0} bytes", $"{limit:N0} bytes");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_InputOverLimit_RefusedBeforeRun()
    {
        var limit = fixture.Runtime.Options.MaxInputBytes;
        var input = "{\"text\":\"" + new string('x', limit) + "\"}";

        var result = await fixture.RunAsync("echo", input);

        Expect.Failure(result, ErrorKind.LimitExceeded, "input limit", $"{limit:N0} bytes");
        Assert.Equal(TimeSpan.Zero, result.Metrics.Duration);
        await fixture.AssertStillServesAsync();
    }
}
