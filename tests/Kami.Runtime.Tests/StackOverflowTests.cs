using Kami.Core.Errors;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>Hardening, stack overflow: a C guest overflowing its stack in linear memory is told so, not "out of bounds".</summary>
[Collection(RuntimeCollection.Name)]
public sealed class StackOverflowTests(RuntimeFixture fixture)
{
    [Fact]
    public async Task Run_LinearMemoryStackOverflow_ReportsStackOverflowAndTheFix()
    {
        var result = await fixture.RunAsync("deep_stack");

        Expect.Failure(result, ErrorKind.LimitExceeded, "test.deep_stack", "stack overflow", "stack-size");
        Assert.Equal(ResourceLimit.StackDepth, Expect.Error(result).Limit);
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_PlainOutOfBoundsAccess_IsNotCalledAStackOverflow()
    {
        var result = await fixture.RunAsync("bad_pointer");

        Assert.DoesNotContain("stack", Expect.Error(result).Message, StringComparison.OrdinalIgnoreCase);
    }
}
