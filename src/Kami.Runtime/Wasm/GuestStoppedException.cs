using Kami.Core.Errors;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Thrown by host code that stops a guest call for a reason it already knows: the epoch-deadline callback (time,
/// cancellation), a refused WASI wait, or a memory layout refused before the instance is made. Wasmtime turns a
/// throw from inside a guest call into a trap with this as its inner exception, which ends the guest at once; the
/// invoker reports <see cref="Error"/> as it is, so nothing about it is read back from Wasmtime's text.
/// </summary>
internal sealed class GuestStoppedException(ExecutionError error) : Exception(error.Message)
{
    public ExecutionError Error { get; } = error;
}
