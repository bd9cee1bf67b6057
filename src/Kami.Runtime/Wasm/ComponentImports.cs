using System.Text;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Lists the top-level imports of a component binary by reading its import sections, so a component that
/// asks for something KAMI does not provide is refused when it is loaded, by name, before any of its code runs.
/// Returns null when the binary uses an encoding this reader does not know (instantiation still checks).
/// </summary>
internal static partial class ComponentImports
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9\-]*(:[A-Za-z0-9][A-Za-z0-9\-]*(/[A-Za-z0-9][A-Za-z0-9\-]*)+)?(@[0-9A-Za-z.+\-]+)?$")]
    private static partial System.Text.RegularExpressions.Regex ImportNames();

    private const byte ImportSectionId = 10;

    public static IReadOnlyList<string>? Read(ReadOnlySpan<byte> component)
    {
        if (component.Length < 8) return null;
        var reader = new WasmReader(component[8..]);
        var names = new List<string>();
        try
        {
            while (!reader.AtEnd)
            {
                var id = reader.Byte();
                var size = (int)reader.U32();
                var body = reader.Take(size);
                if (id != ImportSectionId) continue;
                var section = new WasmReader(body);
                var count = section.U32();
                for (var i = 0; i < count; i++)
                {
                    var kind = section.Byte();
                    if (kind is not (0x00 or 0x01)) return null;
                    names.Add(section.Name());
                    if (!SkipExternDesc(ref section)) return null;
                }
            }
        }
        catch (FormatException)
        {
            return null;
        }
        // A name that is not a plain or interface name means the encoding was misread: defer to instantiation.
        return names.All(ImportNames().IsMatch) ? names : null;
    }

    private static bool SkipExternDesc(ref WasmReader r)
    {
        switch (r.Byte())
        {
            case 0x00: r.Byte(); r.U32(); return true;        // core module (type i)
            case 0x01: case 0x04: case 0x05: r.U32(); return true; // func / component / instance (type i)
            case 0x02: r.Byte(); r.U32(); return true;        // value bound: index or valtype, both LEB-encoded
            case 0x03: if (r.Byte() == 0x00) r.U32(); return true; // type bound: eq i | sub resource
            default: return false;
        }
    }
}
