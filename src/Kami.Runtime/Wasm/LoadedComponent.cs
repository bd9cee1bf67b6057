using Wasmtime.Components;

namespace Kami.Runtime.Wasm;

/// <summary>A compiled component whose bytes hash to <see cref="Sha256"/>, checked for imports and exports.</summary>
internal sealed record LoadedComponent(Component Component, string Sha256, IReadOnlyList<string> Imports);
