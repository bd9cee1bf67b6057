using Wasmtime.Components;

namespace Kami.Runtime.Wasm;

/// <summary>
/// A compiled component whose bytes hash to <see cref="Sha256"/>, checked for imports and exports, with the memories
/// and tables it defines (null when its encoding could not be read; it is then held to a strict default).
/// </summary>
internal sealed record LoadedComponent(Component Component, string Sha256, IReadOnlyList<string> Imports, ComponentShape? Shape);
