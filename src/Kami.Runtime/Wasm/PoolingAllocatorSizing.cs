using Kami.Core.Security;
using Wasmtime;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Sizes Wasmtime's pooling allocator for KAMI: per worker the running instance and a used one not yet torn down,
/// plus the shared stock of instances made ahead (<see cref="ReadyInstances"/>) and a margin; generous per-component
/// counts so real guests (Rust, C, componentize-js, which carry several core instances, memories and tables) fit,
/// and memories as large as any policy may allow. The slots are reserved address space; only what guests touch
/// becomes resident.
/// A freed slot stays "warm": up to <see cref="KeepResidentBytes"/> of its linear memory stays mapped and is reset in
/// place (the copy-on-write image restored, the rest zeroed) instead of being handed back to the kernel, so the next
/// instance of the same component in that slot starts without page faults. For a 12 MB componentize-js guest (a
/// 9 MiB initial memory) that is most of a fresh call's cost: its first run on a released slot faults in every page
/// it touches. The warm slots are capped, which bounds what they keep resident (<see cref="WarmSlots"/> × 16 MiB).
/// </summary>
internal static class PoolingAllocatorSizing
{
    // Wasmtime's defaults on 64-bit hosts: each memory slot reserves 4 GiB plus a 32 MiB guard region.
    private const ulong MemorySlotBytes = (4UL << 30) + (32UL << 20);

    /// <summary>Room the process keeps besides the pool (the .NET runtime, the GC heap, on-demand allocations).</summary>
    private const ulong Headroom = 4UL << 30;

    /// <summary>Linear memory a freed slot keeps resident, reset in place, for the next instance in it.</summary>
    public const int KeepResidentBytes = 16 << 20;

    /// <summary>Instances made ahead, all tools together: one per worker for back-to-back calls, and two for a second tool.</summary>
    public static int ReadyInstances(int maxConcurrency) => maxConcurrency + 2;

    /// <summary>Freed slots kept warm: enough for the workers' next instances; the rest give their memory back.</summary>
    public static uint WarmSlots(int maxConcurrency) => (uint)(maxConcurrency + 2);

    // Running and used (not yet torn down) per worker, the instances made ahead, and a margin of two.
    private static uint Components(int maxConcurrency) => (uint)(maxConcurrency * 2 + ReadyInstances(maxConcurrency) + 2);

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
            .WithMaxUnusedWarmSlots(WarmSlots(maxConcurrency))
            .WithLinearMemoryKeepResidentBytes(KeepResidentBytes)
            .WithTableKeepResidentBytes(64 << 10);
    }
}
