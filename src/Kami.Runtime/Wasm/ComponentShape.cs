namespace Kami.Runtime.Wasm;

/// <summary>
/// The linear memories and tables a component's core modules define (nested components included), with their
/// declared limits, read from the binary. Imported memories and tables are not counted: they are someone else's.
/// Lets <see cref="MemoryPlan"/> make <c>max_memory_mb</c> hold for all of a call's memories and tables together.
/// </summary>
internal sealed record ComponentShape(IReadOnlyList<DeclaredLimits> Memories, IReadOnlyList<DeclaredLimits> Tables)
{
    private const byte CoreModuleSection = 1, NestedComponentSection = 4;
    private const byte TableSection = 4, MemorySection = 5;

    /// <summary>The shape, or null when the binary uses an encoding this reader does not know.</summary>
    public static ComponentShape? Read(ReadOnlySpan<byte> component)
    {
        var memories = new List<DeclaredLimits>();
        var tables = new List<DeclaredLimits>();
        try
        {
            return ReadComponent(component, memories, tables, depth: 0) ? new ComponentShape(memories, tables) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool ReadComponent(ReadOnlySpan<byte> binary, List<DeclaredLimits> memories, List<DeclaredLimits> tables, int depth)
    {
        if (binary.Length < 8 || depth > 16) return false;
        var reader = new WasmReader(binary[8..]);
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var body = reader.Take((int)reader.U32());
            var ok = id switch
            {
                CoreModuleSection => ReadModule(body, memories, tables),
                NestedComponentSection => ReadComponent(body, memories, tables, depth + 1),
                _ => true,
            };
            if (!ok) return false;
        }
        return true;
    }

    private static bool ReadModule(ReadOnlySpan<byte> module, List<DeclaredLimits> memories, List<DeclaredLimits> tables)
    {
        if (module.Length < 8) return false;
        var reader = new WasmReader(module[8..]);
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var body = new WasmReader(reader.Take((int)reader.U32()));
            if (id == MemorySection)
            {
                for (var count = body.U32(); count > 0; count--) memories.Add(ReadMemory(ref body));
            }
            else if (id == TableSection)
            {
                for (var count = body.U32(); count > 0; count--)
                {
                    if (ReadTable(ref body) is not { } table) return false;
                    tables.Add(table);
                }
            }
        }
        return true;
    }

    // memtype: flags (bit 0 max, bit 1 shared, bit 2 64-bit, bit 3 custom page size), min, [max], [page size log2]
    private static DeclaredLimits ReadMemory(ref WasmReader r)
    {
        var flags = r.Byte();
        if (flags > 0x0f) throw new FormatException("unknown memory flags");
        var wide = (flags & 0x04) != 0;
        var min = wide ? r.U64() : r.U32();
        ulong? max = (flags & 0x01) != 0 ? (wide ? r.U64() : r.U32()) : null;
        var pageLog2 = (flags & 0x08) != 0 ? r.U32() : 16;
        if (pageLog2 > 16) throw new FormatException("unknown page size");
        var page = 1UL << (int)pageLog2;
        return new DeclaredLimits(Saturate(min, page), max is { } m ? Saturate(m, page) : null);
    }

    // table: [0x40 0x00] reftype limits [init expr]; sizes in elements
    private static DeclaredLimits? ReadTable(ref WasmReader r)
    {
        var first = r.Byte();
        var hasInit = first == 0x40;
        if (hasInit)
        {
            if (r.Byte() != 0x00) return null;
            first = r.Byte();
        }
        if (first is 0x63 or 0x64) r.U64(); // (ref null? heaptype): the heap type is an s33 LEB or an abstract type byte
        var flags = r.Byte();
        if (flags > 0x05) return null;
        var wide = (flags & 0x04) != 0;
        var min = wide ? r.U64() : r.U32();
        ulong? max = (flags & 0x01) != 0 ? (wide ? r.U64() : r.U32()) : null;
        if (hasInit && !SkipConstantExpression(ref r)) return null;
        return new DeclaredLimits(min, max);
    }

    private static bool SkipConstantExpression(ref WasmReader r)
    {
        while (true)
        {
            switch (r.Byte())
            {
                case 0x0b: return true;                // end
                case 0xd0: case 0xd2: case 0x23: r.U64(); break; // ref.null ht / ref.func idx / global.get idx
                default: return false;
            }
        }
    }

    private static ulong Saturate(ulong count, ulong unit) => count > ulong.MaxValue / unit ? ulong.MaxValue : count * unit;
}

