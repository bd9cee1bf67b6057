namespace Kami.Packaging.Packages;

internal enum WasmKind { NotWasm, CoreModule, Component }

/// <summary>Tells a component from a core module by its preamble, before anything tries to compile it.</summary>
internal static class WasmFormat
{
    public static WasmKind Detect(ReadOnlySpan<byte> header)
    {
        if (header.Length < 8 || !header[..4].SequenceEqual("\0asm"u8)) return WasmKind.NotWasm;
        // Bytes 4-7: version and layer. Core modules are 01 00 00 00; components set layer 1 (xx xx 01 00).
        return header[6] == 1 && header[7] == 0 ? WasmKind.Component : WasmKind.CoreModule;
    }

    public static WasmKind Detect(string file)
    {
        Span<byte> header = stackalloc byte[8];
        using var stream = File.OpenRead(file);
        var read = stream.ReadAtLeast(header, 8, throwOnEndOfStream: false);
        return Detect(header[..read]);
    }
}
