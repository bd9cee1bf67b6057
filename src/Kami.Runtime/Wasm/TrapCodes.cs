using Wasmtime;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Wasmtime's wording of each trap (the <c>Display</c> of its <c>Trap</c> enum), mapped back to the binding's
/// <see cref="TrapCode"/>, and a plain description of each code for the error a user reads. Text because the
/// binding's component calls give no code (see <see cref="TrapClassifier"/>). Only wordings a fixture guest makes
/// Wasmtime produce are listed, and each is checked against that real trap (WasmtimeWordingTests). Traps no fixture
/// raises (misaligned atomics, null typed references, GC allocations) are left out: like any unlisted trap they are
/// reported in Wasmtime's own words, which for the first two are what a description would say anyway.
/// </summary>
internal static class TrapCodes
{
    private static readonly (string Text, TrapCode Code)[] Wordings =
    [
        ("all fuel consumed by webassembly", TrapCode.OutOfFuel),
        ("call stack exhausted", TrapCode.StackOverflow),
        ("out of bounds memory access", TrapCode.MemoryOutOfBounds),
        ("undefined element: out of bounds table access", TrapCode.TableOutOfBounds),
        ("uninitialized element", TrapCode.IndirectCallToNull),
        ("indirect call type mismatch", TrapCode.BadSignature),
        ("integer overflow", TrapCode.IntegerOverflow),
        ("integer divide by zero", TrapCode.IntegerDivisionByZero),
        ("invalid conversion to integer", TrapCode.BadConversionToInteger),
        ("wasm `unreachable` instruction executed", TrapCode.Unreachable),
        ("interrupt", TrapCode.Interrupt),
    ];

    /// <summary>Every code this table recovers from text, for the test that checks each wording against a real trap.</summary>
    public static IEnumerable<TrapCode> Recognized => Wordings.Select(w => w.Code);

    /// <summary>The trap code whose wording one of the cause's parts starts with, or null when it is not a trap.</summary>
    public static TrapCode? FromCause(string cause)
    {
        foreach (var part in cause.Split("; "))
        {
            var text = part.StartsWith("wasm trap: ", StringComparison.Ordinal) ? part["wasm trap: ".Length..] : part;
            foreach (var (wording, code) in Wordings)
            {
                if (text.StartsWith(wording, StringComparison.OrdinalIgnoreCase)) return code;
            }
        }
        return null;
    }

    public static string Describe(TrapCode code, string cause) => code switch
    {
        TrapCode.TableOutOfBounds => "out-of-bounds table access",
        TrapCode.IndirectCallToNull => "indirect call to an uninitialized table element",
        TrapCode.BadSignature => "indirect call with the wrong signature",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.IntegerDivisionByZero => "integer division by zero",
        TrapCode.BadConversionToInteger => "invalid conversion of a float to an integer",
        _ => cause,
    };
}
