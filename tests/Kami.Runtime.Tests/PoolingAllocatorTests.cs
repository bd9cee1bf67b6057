using Kami.Runtime.Wasm;

namespace Kami.Runtime.Tests;

/// <summary>
/// Code health, pooling under a tight <c>ulimit -v</c>: Wasmtime panics (aborting the process) when its pool cannot be
/// reserved, so KAMI checks the address-space limit first and falls back to on-demand allocation with a notice.
/// </summary>
public sealed class PoolingAllocatorTests
{
    [Fact]
    public void WhyNot_AddressSpaceOf20GB_FallsBackWithAReason()
    {
        var reason = PoolingAllocatorSizing.WhyNot(maxConcurrency: 2, available: 20_000_000_000);

        Assert.NotNull(reason);
        Assert.Contains("ulimit -v", reason, StringComparison.Ordinal);
        Assert.Contains("pooling_allocator = false", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WhyNot_NoLimitOrRoomEnough_UsesThePool()
    {
        Assert.Null(PoolingAllocatorSizing.WhyNot(maxConcurrency: 2, available: null));
        Assert.Null(PoolingAllocatorSizing.WhyNot(maxConcurrency: 2, available: PoolingAllocatorSizing.ReservationBytes(2)));
    }
}
