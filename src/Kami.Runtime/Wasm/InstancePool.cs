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
internal static class InstancePool
{
    public static PoolingAllocationConfig Create(int maxConcurrency)
    {
        var components = (uint)(maxConcurrency * 3 + 2);
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
            .WithMaxTableElements(1_000_000)
            .WithMaxMemorySize(unchecked((nuint)((long)SecurityPolicy.MaxAllowedMemoryMb << 20)))
            .WithMaxCoreInstanceSize(4 << 20)
            .WithMaxComponentInstanceSize(4 << 20)
            .WithMaxUnusedWarmSlots(components)
            .WithLinearMemoryKeepResidentBytes(1 << 20)
            .WithTableKeepResidentBytes(64 << 10);
    }
}
