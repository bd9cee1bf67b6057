namespace Kami.Runtime.Wasm;

/// <summary>The errors Wasmtime raises outside a trap that KAMI reports in its own words (<see cref="HostErrorWordings"/>).</summary>
internal enum HostError
{
    /// <summary>A store limit refused a memory, a table or their count: the tool needs more than max_memory_mb.</summary>
    MemoryLimit,
    /// <summary>The string the tool returned is not valid UTF-8.</summary>
    InvalidUtf8,
    /// <summary>The tool's result points outside its linear memory.</summary>
    ResultOutOfBounds,
    /// <summary>The tool's result has a discriminant its type does not have.</summary>
    MalformedResult,
    /// <summary>The linker has nothing for one of the component's imports.</summary>
    MissingImport,
}
