namespace Kami.Runtime.Wasm;

/// <summary>A declared minimum and optional maximum (bytes for memories, elements for tables).</summary>
internal readonly record struct DeclaredLimits(ulong Min, ulong? Max);
