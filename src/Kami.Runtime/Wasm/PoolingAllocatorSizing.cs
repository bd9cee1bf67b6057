using Kami.Core.Security;
using Wasmtime;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Sizes Wasmtime's pooling allocator for KAMI: three component instances per worker (the
/// running one, the one made ready for its next call, and a used one not yet torn down), generous per-component counts so real guests (Rust, C, componentize-js, which
/// carry several core instances, memories and tables) fit, and memories as large as any policy may allow.
/// The slots are reserved address space; only what guests touch becomes resident. A used slot stays "warm" (up to
/// 1 MiB of its memory kept resident, for a cheap reuse); capping the warm slots at what the workers need keeps
/// the resident set from creeping up as calls spread over more slots.
/// </summary>
internal static class PoolingAllocatorSizing
{
    // Wasmtime's defaults on 64-bit hosts: each memory slot reserves 4 GiB plus a 32 MiB guard region.
    private const ulong MemorySlotBytes = (4UL << 30) + (32UL << 20);

    /// <summary>Room the process keeps besides the pool (the .NET runtime, the GC heap, on-demand allocations).</summary>
    private const ulong Headroom = 4UL << 30;

    private static uint Components(int maxConcurrency) => (uint)(maxConcurrency * 3 + 2);

    /// <summary>Address space the pool reserves when the engine is made: its memory slots, its tables, a margin.</summary>
    public static ulong ReservationBytes(int maxConcurrency)
    {
        var components = (ulong)Components(maxConcurrency);
        return components * 8 * MemorySlotBytes + components * 8 * 1_000_000 * 8 + Headroom;
    }

    /// <summary>Why the pool cannot be used here (the address-space limit is too tight), or null when it can.</summary>
    public static string? WhyNot(int maxConcurrency) => WhyNot(maxConcurrency, AddressSpace.Available());

    /// <param name="maxConcurrency">How many guests may run at once, each needing its own slots.</param>
    /// <param name="available">Address space the process may still reserve; null when unlimited.</param>
    public static string? WhyNot(int maxConcurrency, ulong? available)
    {
        var needed = ReservationBytes(maxConcurrency);
        if (available is not { } room || room >= needed) return null;
        available = room;
        return $"the pooling allocator needs {needed >> 30:N0} GiB of address space for {maxConcurrency} workers but this process may reserve only "
            + $"{available.Value >> 30:N0} GiB (ulimit -v); using on-demand allocation (slower instantiation). Set pooling_allocator = false to silence this";
    }

    public static PoolingAllocationConfig Create(int maxConcurrency)
    {
        var components = Components(maxConcurrency);
        return new PoolingAllocationConfig()
            .WithTotalComponentInstances(components)
            .WithMaxCoreInstancesPerComponent(64)
            .WithMaxCoreInstances(components * 32)
            .WithMaxMemoriesPerComponent(16)
            .WithMaxMemoriesPerModule(2)
            .WithMaxMemories(components * 8)
            .WithMaxTablesPerComponent(32)
            .WithMaxTablesPerModule(4)
            .WithMaxTables(components * 8)
            .WithMaxTableElements(MemoryPlan.MaxTableElements)
            .WithMaxMemorySize(unchecked((nuint)((long)SecurityPolicy.MaxAllowedMemoryMb << 20)))
            .WithMaxCoreInstanceSize(4 << 20)
            .WithMaxComponentInstanceSize(4 << 20)
            .WithMaxUnusedWarmSlots(components)
            .WithLinearMemoryKeepResidentBytes(1 << 20)
            .WithTableKeepResidentBytes(64 << 10);
    }
}
