using System.Text;

namespace Kami.Runtime.Wasm;

/// <summary>Reads the primitives of the WebAssembly binary format; throws <see cref="FormatException"/> on truncated input.</summary>
internal ref struct WasmReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _data = data;

    public readonly bool AtEnd => _data.IsEmpty;

    public byte Byte()
    {
        if (_data.IsEmpty) throw new FormatException("truncated component");
        var b = _data[0];
        _data = _data[1..];
        return b;
    }

    public uint U32() => (uint)Leb(35);

    public ulong U64() => Leb(70);

    private ulong Leb(int maxBits)
    {
        ulong result = 0;
        for (var shift = 0; shift < maxBits; shift += 7)
        {
            var b = Byte();
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new FormatException("bad LEB128");
    }

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length) throw new FormatException("truncated component");
        var taken = _data[..count];
        _data = _data[count..];
        return taken;
    }

    public string Name() => Encoding.UTF8.GetString(Take((int)U32()));
}
