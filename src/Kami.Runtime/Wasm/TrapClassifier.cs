using Kami.Core.Errors;
using Kami.Core.Security;
using Wasmtime;

namespace Kami.Runtime.Wasm;

/// <summary>
/// Turns Wasmtime's errors (a wasm backtrace, then the cause after "Caused by:") into one plain sentence
/// and the error kind a caller can act on. Nothing of the backtrace reaches the user.
/// </summary>
internal static class TrapClassifier
{
    public static (ErrorKind Kind, string Message) Classify(string toolId, WasmtimeException e, SecurityPolicy policy)
    {
        if (Find<GuestInterruptedException>(e) is { } interrupted)
        {
            return interrupted.Reason == InterruptReason.Cancelled
                ? (ErrorKind.Cancelled, $"call to tool {toolId} was cancelled")
                : (ErrorKind.LimitExceeded, $"tool {toolId} exceeded its time limit of {policy.MaxExecutionMs} ms (max_execution_ms) and was stopped");
        }

        var cause = Cause(e.Message);
        var lower = cause.ToLowerInvariant();
        if (lower.Contains("all fuel consumed"))
            return (ErrorKind.LimitExceeded, $"tool {toolId} ran out of fuel: it used all {policy.MaxFuel:N0} units (max_fuel); raise security.max_fuel if the tool needs more");
        if (lower.Contains("interrupt"))
            return (ErrorKind.LimitExceeded, $"tool {toolId} exceeded its time limit of {policy.MaxExecutionMs} ms (max_execution_ms) and was stopped");
        if (lower.Contains("call stack exhausted") || lower.Contains("stack overflow"))
            return (ErrorKind.LimitExceeded, $"tool {toolId} exceeded the maximum stack depth (runaway recursion?) and was stopped");
        if (lower.Contains("exceeds memory limits") || lower.Contains("memory minimum size") || lower.Contains("resource limit exceeded"))
            return (ErrorKind.LimitExceeded, $"tool {toolId} needs more memory than its limit of {policy.MaxMemoryMb} MiB (max_memory_mb)");
        if (lower.Contains("utf-8") || lower.Contains("utf8"))
            return (ErrorKind.GuestFailed, $"tool {toolId} returned text that is not valid UTF-8");
        if (lower.Contains("out of bounds") && (lower.Contains("string") || lower.Contains("pointer") || lower.Contains("list")))
            return (ErrorKind.GuestFailed, $"tool {toolId} returned a result that points outside its memory (string pointer/length out of bounds)");
        if (lower.Contains("discriminant") || lower.Contains("invalid") && lower.Contains("result"))
            return (ErrorKind.GuestFailed, $"tool {toolId} returned a malformed result ({cause})");
        // WASI 0.2's exit carries only success or failure, not the guest's number.
        if (e.ExitCode is { } code)
            return (ErrorKind.GuestFailed, $"tool {toolId} called exit ({(code == 0 ? "success" : "failure")} status) instead of returning a result");
        if (lower.Contains("exit"))
            return (ErrorKind.GuestFailed, $"tool {toolId} called exit instead of returning a result");
        if (lower.Contains("unreachable"))
            return (ErrorKind.GuestTrapped, $"tool {toolId} trapped: unreachable executed");
        if (lower.Contains("out of bounds memory access"))
            return (ErrorKind.GuestTrapped, $"tool {toolId} trapped: out-of-bounds memory access");
        if (lower.Contains("matching implementation was not found") || lower.Contains("import"))
            return (ErrorKind.ComponentInvalid, $"tool {toolId} could not be instantiated: {cause}");
        return (ErrorKind.GuestTrapped, $"tool {toolId} trapped: {cause}");
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
