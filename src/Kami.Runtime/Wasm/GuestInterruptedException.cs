namespace Kami.Runtime.Wasm;

internal enum InterruptReason { Cancelled, TimedOut }

/// <summary>Thrown from the epoch-deadline callback; Wasmtime turns it into a trap that ends the guest at once.</summary>
internal sealed class GuestInterruptedException(InterruptReason reason) : Exception(reason.ToString())
{
    public InterruptReason Reason { get; } = reason;
}
