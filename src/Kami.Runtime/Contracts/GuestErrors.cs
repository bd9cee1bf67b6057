using Kami.Core.Errors;
using Kami.Core.Security;

namespace Kami.Runtime.Contracts;

/// <summary>
/// Every wording of a failed call, in one place: what stopped the tool, which limit and its value, and what to do.
/// Each is an <see cref="ExecutionError"/>; a limit names which one and its configured value.
/// </summary>
internal static class GuestErrors
{
    public static ExecutionError TimeLimit(string toolId, SecurityPolicy policy) =>
        ExecutionError.LimitExceeded(ResourceLimit.ExecutionTime, $"{policy.MaxExecutionMs} ms",
            $"tool {toolId} exceeded its time limit of {policy.MaxExecutionMs} ms (max_execution_ms) and was stopped");

    public static ExecutionError Fuel(string toolId, SecurityPolicy policy) =>
        ExecutionError.LimitExceeded(ResourceLimit.Fuel, $"{policy.MaxFuel:N0}",
            $"tool {toolId} ran out of fuel: it used all {policy.MaxFuel:N0} units (max_fuel); raise security.max_fuel if the tool needs more");

    public static ExecutionError Memory(string toolId, SecurityPolicy policy, int memories) =>
        ExecutionError.LimitExceeded(ResourceLimit.Memory, $"{policy.MaxMemoryMb} MiB",
            $"tool {toolId} needs more memory than its limit of {policy.MaxMemoryMb} MiB (max_memory_mb)"
            + (memories > 1 ? $", which its {memories} linear memories and its tables share" : ""));

    public static ExecutionError MemoryLayout(string toolId, SecurityPolicy policy, string layout) =>
        ExecutionError.LimitExceeded(ResourceLimit.Memory, $"{policy.MaxMemoryMb} MiB",
            $"tool {toolId} was not run: {layout} cannot fit in its memory limit of {policy.MaxMemoryMb} MiB (max_memory_mb) together; raise security.max_memory_mb or use fewer memories and tables");

    public static ExecutionError StackDepth(string toolId) =>
        ExecutionError.LimitExceeded(ResourceLimit.StackDepth, "wasm stack",
            $"tool {toolId} exceeded the maximum stack depth (runaway recursion?) and was stopped");

    public static ExecutionError ShadowStack(string toolId, int frames) =>
        ExecutionError.LimitExceeded(ResourceLimit.StackDepth, "linear-memory stack",
            $"tool {toolId} trapped with an out-of-bounds memory access {frames:N0} calls deep, which looks like a stack overflow: its own stack in "
            + "linear memory overflowed (runaway recursion, or large local arrays); reduce the recursion, or link the tool with a bigger stack (C: -Wl,-z,stack-size=1048576)");

    public static ExecutionError Output(string toolId, long bytes, long limit) =>
        ExecutionError.LimitExceeded(ResourceLimit.OutputSize, $"{limit:N0} bytes",
            $"tool {toolId} returned {bytes:N0} bytes, more than the output limit of {limit:N0} bytes");

    public static ExecutionError Input(string toolId, long bytes, long limit) =>
        ExecutionError.LimitExceeded(ResourceLimit.InputSize, $"{limit:N0} bytes",
            $"the input to tool {toolId} is {bytes:N0} bytes, more than the input limit of {limit:N0} bytes");

    public static ExecutionError Cancelled(string toolId) => ExecutionError.Of(ErrorKind.Cancelled, $"call to tool {toolId} was cancelled");

    public static ExecutionError WaitRefused(string toolId, string wait) =>
        ExecutionError.Of(ErrorKind.GuestFailed,
            $"tool {toolId} tried to wait ({wait}); KAMI does not let a tool block in a host wait, where neither its time limit nor a "
            + "cancellation could reach it. Compute without sleeping or polling timers");

    /// <summary>The tool returned its own error; its text is the message, as the tool wrote it.</summary>
    public static ExecutionError Returned(string payload) => ExecutionError.Of(ErrorKind.GuestFailed, payload);

    public static ExecutionError Trapped(string toolId, string what) => ExecutionError.Of(ErrorKind.GuestTrapped, $"tool {toolId} trapped: {what}");

    /// <summary>WASI 0.2's exit carries only success or failure, not the guest's number.</summary>
    public static ExecutionError Exited(string toolId, int status) =>
        ExecutionError.Of(ErrorKind.GuestFailed, $"tool {toolId} called exit ({(status == 0 ? "success" : "failure")} status) instead of returning a result");

    public static ExecutionError InvalidUtf8(string toolId) => ExecutionError.Of(ErrorKind.GuestFailed, $"tool {toolId} returned text that is not valid UTF-8");

    public static ExecutionError ResultOutOfBounds(string toolId) =>
        ExecutionError.Of(ErrorKind.GuestFailed, $"tool {toolId} returned a result that points outside its memory (string pointer/length out of bounds)");

    public static ExecutionError MalformedResult(string toolId, string cause) => ExecutionError.Of(ErrorKind.GuestFailed, $"tool {toolId} returned a malformed result ({cause})");

    public static ExecutionError NotInstantiated(string toolId, string cause) => ExecutionError.Of(ErrorKind.ComponentInvalid, $"tool {toolId} could not be instantiated: {cause}");

    public static ExecutionError NoRunExport(string toolId) => ExecutionError.Of(ErrorKind.ComponentInvalid, $"tool {toolId} does not export run");

    public static ExecutionError NoResult(string toolId) => ExecutionError.Of(ErrorKind.ComponentInvalid, $"tool {toolId}: run returned no result");

    /// <summary>The component's file could not be read. The reason stays out: it names host paths, and this reaches clients.</summary>
    public static ExecutionError Unreadable(string toolId) =>
        ExecutionError.Of(ErrorKind.ToolNotFound, $"cannot read the component of tool {toolId}; re-install the tool with `kami install --force <package>`");
}
