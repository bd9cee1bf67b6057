using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Runtime.Execution;
using Wasmtime;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Turns what ended a guest call into one plain error a caller can act on; nothing of the wasm backtrace reaches
/// the user. Host code that stopped the guest (epoch callback, refused wait) says why itself. For traps, the .NET
/// binding's component calls throw a plain <see cref="WasmtimeException"/> without the <see cref="TrapCode"/> its
/// core calls carry, so the code is recovered from Wasmtime's fixed wording of each trap (<see cref="TrapCodes"/>),
/// and everything after that is decided on the code.
/// </summary>
internal static class TrapClassifier
{
    /// <param name="toolId">The tool, for the wording.</param>
    /// <param name="e">What Wasmtime threw.</param>
    /// <param name="policy">The limits the call ran under, named in a limit error.</param>
    /// <param name="memories">How many linear memories share the memory limit (for the wording).</param>
    public static KamiException Classify(string toolId, WasmtimeException e, SecurityPolicy policy, int memories = 1)
    {
        if (Find<GuestInterruptedException>(e) is { } interrupted) return interrupted.Error;

        var cause = Cause(e.Message);
        return TrapCodes.FromCause(cause) switch
        {
            TrapCode.OutOfFuel => GuestErrors.Fuel(toolId, policy),
            TrapCode.Interrupt => GuestErrors.TimeLimit(toolId, policy),
            TrapCode.StackOverflow => GuestErrors.StackDepth(toolId),
            TrapCode.MemoryOutOfBounds when Backtrace.LooksLikeStackOverflow(e.Message) => GuestErrors.ShadowStack(toolId, Backtrace.Depth(e.Message)),
            TrapCode.Unreachable => Trapped(toolId, "unreachable executed"),
            TrapCode.MemoryOutOfBounds => Trapped(toolId, "out-of-bounds memory access"),
            { } code => Trapped(toolId, TrapCodes.Describe(code, cause)),
            null => FromHostError(toolId, e, cause, policy, memories),
        };
    }

    // Not a trap: an error raised by Wasmtime itself while lifting the result, instantiating, or exiting.
    private static KamiException FromHostError(string toolId, WasmtimeException e, string cause, SecurityPolicy policy, int memories)
    {
        var lower = cause.ToLowerInvariant();
        if (lower.Contains("exceeds memory limits") || lower.Contains("memory minimum size") || lower.Contains("resource limit exceeded")
            || lower.Contains("table minimum size") || lower.Contains("exceeds table limits"))
            return GuestErrors.Memory(toolId, policy, memories);
        if (lower.Contains("utf-8") || lower.Contains("utf8"))
            return new KamiException(ErrorKind.GuestFailed, $"tool {toolId} returned text that is not valid UTF-8");
        if (lower.Contains("out of bounds") && (lower.Contains("string") || lower.Contains("pointer") || lower.Contains("list")))
            return new KamiException(ErrorKind.GuestFailed, $"tool {toolId} returned a result that points outside its memory (string pointer/length out of bounds)");
        if (lower.Contains("discriminant") || lower.Contains("invalid") && lower.Contains("result"))
            return new KamiException(ErrorKind.GuestFailed, $"tool {toolId} returned a malformed result ({cause})");
        // WASI 0.2's exit carries only success or failure, not the guest's number.
        if (e.ExitCode is { } code)
            return new KamiException(ErrorKind.GuestFailed, $"tool {toolId} called exit ({(code == 0 ? "success" : "failure")} status) instead of returning a result");
        if (lower.Contains("exit"))
            return new KamiException(ErrorKind.GuestFailed, $"tool {toolId} called exit instead of returning a result");
        if (lower.Contains("matching implementation was not found") || lower.Contains("import"))
            return new KamiException(ErrorKind.ComponentInvalid, $"tool {toolId} could not be instantiated: {cause}");
        return Trapped(toolId, cause);
    }

    private static KamiException Trapped(string toolId, string what) => new(ErrorKind.GuestTrapped, $"tool {toolId} trapped: {what}");

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
