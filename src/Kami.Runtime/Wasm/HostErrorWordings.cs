namespace Kami.Runtime.Wasm;

/// <summary>
/// Wasmtime's wording of the errors it raises outside a trap (lifting a result, instantiating under store limits).
/// The binding hands these over as a message only, with no code, so the phrase is all there is to go on. Each
/// phrase is the narrowest part of the real message that is stable, and each is checked against the error Wasmtime
/// actually raises for a fixture guest (WasmtimeWordingTests), so an update that rewords one fails a test instead of
/// turning a clear error into "trapped: …".
/// </summary>
internal static class HostErrorWordings
{
    private static readonly (string Phrase, HostError Error)[] Wordings =
    [
        ("exceeds memory limits", HostError.MemoryLimit),   // memory minimum size of 2 pages exceeds memory limits
        ("exceeds table limits", HostError.MemoryLimit),    // table minimum size of 1 elements exceeds table limits
        ("resource limit exceeded", HostError.MemoryLimit), // resource limit exceeded: memory count too high at 1
        ("invalid utf-8 sequence", HostError.InvalidUtf8),  // invalid utf-8 sequence of 1 bytes from index 0
        ("pointer/length out of bounds of memory", HostError.ResultOutOfBounds), // string pointer/length out of bounds of memory
        ("discriminant", HostError.MalformedResult),        // discriminant 7 out of range [0..2)
        ("implementation is missing", HostError.MissingImport), // function implementation is missing (under "component imports …")
    ];

    /// <summary>The error whose phrase the cause contains, or null when it is none of them.</summary>
    public static HostError? Find(string cause)
    {
        foreach (var (phrase, error) in Wordings)
        {
            if (cause.Contains(phrase, StringComparison.OrdinalIgnoreCase)) return error;
        }
        return null;
    }
}
