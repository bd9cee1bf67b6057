using Kami.Core.Errors;
using Kami.Runtime.Contracts;
using static Kami.Mcp.Tests.InMemory.Tools;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Code health, host logging: refused loads, traps and limits hit each have their own stable event id.</summary>
public sealed class OutcomeLogTests
{
    public static TheoryData<ErrorKind, int> Outcomes => new()
    {
        { ErrorKind.IntegrityMismatch, 2006 },
        { ErrorKind.ComponentInvalid, 2006 },
        { ErrorKind.GuestTrapped, 2007 },
        { ErrorKind.LimitExceeded, 2008 },
        { ErrorKind.Busy, 2004 },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Call_FailureKind_LoggedWithItsEventId(ErrorKind kind, int eventId)
    {
        var registry = new FakeRegistry();
        registry.Add(Tool("dev.kami.failing"));
        var error = kind == ErrorKind.LimitExceeded
            ? ExecutionError.LimitExceeded(ResourceLimit.Fuel, "1,000", $"it went {kind}")
            : ExecutionError.Of(kind, $"it went {kind}");
        var executor = new FakeExecutor(_ => ExecutionResult.Failure(error, ExecutionMetrics.Empty));

        await using var kami = new InMemoryKami(registry, executor);
        var client = await kami.ConnectAsync();
        await client.CallToolAsync("dev.kami.failing");

        Assert.Contains(kami.Log.WithEvent(eventId), m => m.Contains("dev.kami.failing", StringComparison.Ordinal) && m.Contains($"it went {kind}", StringComparison.Ordinal));
        // A limit's log event names the limit and its configured value, so an operator sees what to raise.
        if (kind == ErrorKind.LimitExceeded) Assert.Contains(kami.Log.WithEvent(eventId), m => m.Contains("Fuel limit of 1,000", StringComparison.Ordinal));
    }
}
