using Kami.Core.Errors;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Thrown from host code running inside a guest call (the epoch-deadline callback, a refused WASI wait); Wasmtime
/// turns it into a trap that ends the guest at once, and the invoker reports <see cref="Error"/> as it is.
/// </summary>
internal sealed class GuestInterruptedException(KamiException error) : Exception(error.Message)
{
    public KamiException Error { get; } = error;
}
