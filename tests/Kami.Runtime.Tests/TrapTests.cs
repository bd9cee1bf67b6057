using Kami.Core.Errors;
using Kami.Runtime.Tests.Infrastructure;

namespace Kami.Runtime.Tests;

/// <summary>Guests that break the canonical ABI or trap: each becomes one plain sentence, and the host goes on.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class TrapTests(RuntimeFixture fixture)
{
    [Fact]
    public async Task Run_TrappingGuest_ReportsUnreachable()
    {
        Expect.Failure(await fixture.RunAsync("trap"), ErrorKind.GuestTrapped, "trapped", "unreachable");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_GuestReturnsInvalidUtf8_ReportsGuestFailed()
    {
        Expect.Failure(await fixture.RunAsync("bad_utf8"), ErrorKind.GuestFailed, "not valid UTF-8");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_GuestReturnsOutOfBoundsString_ReportsGuestFailed()
    {
        Expect.Failure(await fixture.RunAsync("bad_pointer"), ErrorKind.GuestFailed, "outside its memory");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_GuestReturnsBadDiscriminant_ReportsMalformedResult()
    {
        Expect.Failure(await fixture.RunAsync("bad_discriminant"), ErrorKind.GuestFailed, "malformed result", "discriminant");
        await fixture.AssertStillServesAsync();
    }

    [Fact]
    public async Task Run_GuestCallsExit_ReportsExit()
    {
        Expect.Failure(await fixture.RunAsync("exit"), ErrorKind.GuestFailed, "called exit");
        await fixture.AssertStillServesAsync();
    }
}
