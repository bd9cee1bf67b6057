using Kami.Runtime.Contracts;
using Wasmtime.Components;

namespace Kami.Runtime.Wasm.HostInterfaces;

/// <summary>
/// Refuses the WASI calls that make a guest wait in the host: <c>monotonic-clock.subscribe-duration</c> and
/// <c>subscribe-instant</c> (what sleep, nanosleep and timers become). A guest blocked in Wasmtime's poll runs no
/// wasm, so no epoch deadline fires there: neither its time limit nor a cancellation could stop it, and one sleeping
/// call per worker would stall the server. .NET host functions cannot make the <c>pollable</c> such a subscription
/// returns, so a bounded wait cannot be offered instead; the call ends at once with a plain error. Every other
/// pollable a KAMI guest can reach is ready at once: stdin is empty, stdout and stderr are captured, files are
/// local, and sockets are denied before they can connect, bind or resolve.
/// </summary>
internal static class WasiWaitGuard
{
    /// <summary>
    /// The WASI version Wasmtime 50 registers (imports of any 0.2.x resolve to it). Shadowing must use exactly this
    /// name, or it adds a second instance instead; the sleeper fixture's test fails if a Wasmtime update moves it.
    /// </summary>
    public const string MonotonicClock = "wasi:clocks/monotonic-clock@0.2.12";

    public static void Define(ComponentLinker linker)
    {
        linker.AllowShadowing = true;
        try
        {
            using var root = linker.Root();
            using var clock = root.AddInstance(MonotonicClock);
            clock.DefineFunction("subscribe-duration", (args, _) => Refuse($"a sleep or timer of {Milliseconds(args[0].AsU64())} through wasi:clocks subscribe-duration"));
            clock.DefineFunction("subscribe-instant", (_, _) => Refuse("a timer until an instant through wasi:clocks subscribe-instant"));
        }
        finally
        {
            linker.AllowShadowing = false;
        }
    }

    private static string Milliseconds(ulong nanoseconds) => $"{nanoseconds / 1_000_000:N0} ms";

    private static void Refuse(string wait) =>
        throw new GuestStoppedException(GuestErrors.WaitRefused(CallContext.Current?.ToolId ?? "(starting)", wait));
}
