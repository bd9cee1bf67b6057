using System.Globalization;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Reads what Wasmtime's error message says about where a trap happened: the depth of the wasm backtrace and the
/// address of a memory fault. C and Rust guests keep their own stack in linear memory (64 KiB by default for C),
/// growing down towards address 0; when runaway recursion overflows it, the stack pointer wraps below 0 and the
/// guest traps with an out-of-bounds access just under 4 GiB, or, with small frames, very many calls deep.
/// </summary>
internal static class Backtrace
{
    /// <summary>Deeper than any plain bug's trap; a 64 KiB C stack holds about a thousand small frames.</summary>
    public const int DeepRecursion = 256;

    /// <summary>A fault this close under 4 GiB is a pointer that went below 0: a stack pointer, in practice.</summary>
    private const ulong WrappedBelowZero = 0xFFF0_0000;

    public static bool LooksLikeStackOverflow(string message) =>
        Depth(message) >= DeepRecursion || FaultAddress(message) is >= WrappedBelowZero and <= uint.MaxValue;

    public static int Depth(string message)
    {
        var start = message.IndexOf("wasm backtrace:", StringComparison.Ordinal);
        if (start < 0) return 0;
        var end = message.IndexOf("Caused by:", start, StringComparison.Ordinal);
        var frames = 0;
        foreach (var line in message.AsSpan(start, (end < 0 ? message.Length : end) - start).EnumerateLines())
        {
            var trimmed = line.TrimStart();
            var colon = trimmed.IndexOf(':');
            if (colon > 0 && int.TryParse(trimmed[..colon], CultureInfo.InvariantCulture, out _)) frames++;
        }
        return frames;
    }

    /// <summary>The address in "memory fault at wasm address 0x…", if the message has one.</summary>
    public static ulong? FaultAddress(string message)
    {
        const string marker = "memory fault at wasm address 0x";
        var index = message.IndexOf(marker, StringComparison.Ordinal);
        if (index < 0) return null;
        var digits = message.AsSpan(index + marker.Length);
        var length = 0;
        while (length < digits.Length && char.IsAsciiHexDigit(digits[length])) length++;
        return ulong.TryParse(digits[..length], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var address) ? address : null;
    }
}
