using System.Globalization;
using Wasmtime;

namespace Kami.Runtime.Wasm;

/// <summary>
/// What a trap says about where it happened: how deep the wasm backtrace is (from the binding's
/// <see cref="WasmtimeException.Frames"/>) and the address of a memory fault (only in the message: the binding has
/// no field for it). C and Rust guests keep their own stack in linear memory (64 KiB by default for C), growing
/// down towards address 0; when runaway recursion overflows it, the stack pointer wraps below 0 and the guest traps
/// with an out-of-bounds access just under 4 GiB, or, with small frames, very many calls deep.
/// </summary>
internal static class Backtrace
{
    /// <summary>
    /// Deeper than any plain bug's trap; a 64 KiB C stack holds about a thousand small frames. Wasmtime 50 keeps only
    /// the innermost 20 frames of a trap (StackOverflowTests shows it), so in practice the fault address decides; the
    /// depth rule stays for a Wasmtime that keeps more.
    /// </summary>
    public const int DeepRecursion = 256;

    /// <summary>A fault this close under 4 GiB is a pointer that went below 0: a stack pointer, in practice.</summary>
    private const ulong WrappedBelowZero = 0xFFF0_0000;

    public static bool LooksLikeStackOverflow(WasmtimeException e) =>
        Depth(e) >= DeepRecursion || FaultAddress(e.Message) is >= WrappedBelowZero and <= uint.MaxValue;

    /// <summary>The frames Wasmtime recorded for the trap (none for errors outside wasm code).</summary>
    public static int Depth(WasmtimeException e) => e.Frames?.Count ?? 0;

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
