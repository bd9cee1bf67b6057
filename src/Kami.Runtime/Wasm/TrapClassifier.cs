using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Runtime.Contracts;
using Wasmtime;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Turns what ended a guest call into one <see cref="ExecutionError"/>; nothing of the wasm backtrace reaches the
/// user. Structured data goes first: host code that stopped the guest (epoch callback, refused wait) rides along as
/// the inner exception and says why itself, a WASI exit comes with its status, and the backtrace comes as frames.
/// Only what the binding gives as text is read from text: its component calls throw a plain
/// <see cref="WasmtimeException"/> without the <see cref="TrapCode"/> its core calls carry (the C API has no trap
/// code for an error), so the code is recovered from Wasmtime's wording of each trap (<see cref="TrapCodes"/>), and
/// errors outside a trap from theirs (<see cref="HostErrorWordings"/>).
/// </summary>
internal static class TrapClassifier
{
    /// <param name="toolId">The tool, for the wording.</param>
    /// <param name="e">What Wasmtime threw.</param>
    /// <param name="policy">The limits the call ran under, named in a limit error.</param>
    /// <param name="memories">How many linear memories share the memory limit (for the wording).</param>
    public static ExecutionError Classify(string toolId, WasmtimeException e, SecurityPolicy policy, int memories = 1)
    {
        if (Find<GuestStoppedException>(e) is { } stopped) return stopped.Error;
        if (e.ExitCode is { } status) return GuestErrors.Exited(toolId, status);

        var cause = Cause(e.Message);
        return TrapCodes.FromCause(cause) switch
        {
            TrapCode.OutOfFuel => GuestErrors.Fuel(toolId, policy),
            TrapCode.Interrupt => GuestErrors.TimeLimit(toolId, policy),
            TrapCode.StackOverflow => GuestErrors.StackDepth(toolId),
            TrapCode.MemoryOutOfBounds when Backtrace.LooksLikeStackOverflow(e) => GuestErrors.ShadowStack(toolId, Backtrace.Depth(e)),
            TrapCode.Unreachable => GuestErrors.Trapped(toolId, "unreachable executed"),
            TrapCode.MemoryOutOfBounds => GuestErrors.Trapped(toolId, "out-of-bounds memory access"),
            { } code => GuestErrors.Trapped(toolId, TrapCodes.Describe(code, cause)),
            null => HostErrorWordings.Find(cause) switch
            {
                HostError.MemoryLimit => GuestErrors.Memory(toolId, policy, memories),
                HostError.InvalidUtf8 => GuestErrors.InvalidUtf8(toolId),
                HostError.ResultOutOfBounds => GuestErrors.ResultOutOfBounds(toolId),
                HostError.MalformedResult => GuestErrors.MalformedResult(toolId, cause),
                HostError.MissingImport => GuestErrors.NotInstantiated(toolId, cause),
                _ => GuestErrors.Trapped(toolId, cause),
            },
        };
    }

    /// <summary>The line(s) after "Caused by:", or the message itself; never the wasm backtrace.</summary>
    public static string Cause(string message)
    {
        const string marker = "Caused by:";
        var index = message.LastIndexOf(marker, StringComparison.Ordinal);
        var cause = index < 0 ? message : message[(index + marker.Length)..];
        var lines = cause.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("0:", StringComparison.Ordinal) && !l.Contains("wasm backtrace", StringComparison.Ordinal))
            .Select(l => l.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ' '));
        var text = string.Join("; ", lines);
        if (text.StartsWith("wasm trap: ", StringComparison.Ordinal)) text = text["wasm trap: ".Length..];
        return text.Length == 0 ? "unknown error" : text;
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T match) return match;
        }
        return null;
    }
}
