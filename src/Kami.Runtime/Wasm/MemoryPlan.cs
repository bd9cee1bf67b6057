using Kami.Core.Security;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Store limits that make <c>max_memory_mb</c> hold for all of a call's linear memories and tables together.
/// Wasmtime's store limits (all the .NET binding offers) cap each memory and each table separately, so the budget
/// is split: the Store may create only as many memories and tables as the component defines, tables get at most
/// their declared size (or, when unbounded, a quarter of the budget between them), and the memories share the rest
/// equally. Real guests define one memory (C, Rust and componentize-js alike; the WASI adapter imports it), so
/// for them the cap is the whole limit less a few kilobytes of tables.
/// </summary>
internal readonly record struct MemoryPlan(long MemoryBytes, uint TableElements, int Memories, int Tables, string? Refusal)
{
    /// <summary>Wasmtime keeps a table element as one pointer.</summary>
    public const int TableElementBytes = 8;
    /// <summary>The most elements a table may have, in a call's store and in the pooling allocator's slots alike.</summary>
    public const uint MaxTableElements = 1_000_000;

    /// <summary>What an unreadable component is held to: one memory, a few modest tables.</summary>
    private static readonly ComponentShape Unknown = new([new(0, null)], [new(0, null), new(0, null), new(0, null), new(0, null)]);

    public static MemoryPlan For(ComponentShape? shape, SecurityPolicy policy)
    {
        shape ??= Unknown;
        var budget = (long)policy.MaxMemoryMb << 20;
        var tables = shape.Tables.Count;
        var memories = shape.Memories.Count;
        uint elements = 0;
        if (tables > 0)
        {
            var unbounded = shape.Tables.Any(t => t.Max is null || t.Max > MaxTableElements);
            elements = unbounded
                ? (uint)Math.Min(MaxTableElements, budget / 4 / TableElementBytes / tables)
                : (uint)shape.Tables.Max(t => t.Max!.Value);
        }
        var memoryBytes = (budget - (long)tables * elements * TableElementBytes) / Math.Max(1, memories);
        var largestMin = shape.Memories.Count == 0 ? 0UL : shape.Memories.Max(m => m.Min);
        var tooSmall = memories > 0 && (memoryBytes <= 0 || largestMin > (ulong)memoryBytes)
            || shape.Tables.Any(t => t.Min > elements);
        var refusal = tooSmall ? $"its {memories} linear memories and {tables} tables" : null;
        return new MemoryPlan(Math.Max(0, memoryBytes), elements, memories, tables, refusal);
    }
}
