using Kami.Core.Errors;
using Kami.Core.Security;

namespace Kami.Runtime.Execution;

/// <summary>
/// Every wording of a failed call, in one place: what stopped the tool, which limit and its value, and what to do.
/// Limits come back as <see cref="LimitExceededException"/> so a caller can tell which one was hit.
/// </summary>
internal static class GuestErrors
{
    public static LimitExceededException TimeLimit(string toolId, SecurityPolicy policy) =>
        new(ResourceLimit.ExecutionTime, $"{policy.MaxExecutionMs} ms",
            $"tool {toolId} exceeded its time limit of {policy.MaxExecutionMs} ms (max_execution_ms) and was stopped");

    public static LimitExceededException Fuel(string toolId, SecurityPolicy policy) =>
        new(ResourceLimit.Fuel, $"{policy.MaxFuel:N0}",
            $"tool {toolId} ran out of fuel: it used all {policy.MaxFuel:N0} units (max_fuel); raise security.max_fuel if the tool needs more");

    public static LimitExceededException Memory(string toolId, SecurityPolicy policy, int memories) =>
        new(ResourceLimit.Memory, $"{policy.MaxMemoryMb} MiB",
            $"tool {toolId} needs more memory than its limit of {policy.MaxMemoryMb} MiB (max_memory_mb)"
            + (memories > 1 ? $", which its {memories} linear memories and its tables share" : ""));

    public static LimitExceededException MemoryLayout(string toolId, SecurityPolicy policy, string layout) =>
        new(ResourceLimit.Memory, $"{policy.MaxMemoryMb} MiB",
            $"tool {toolId} was not run: {layout} cannot fit in its memory limit of {policy.MaxMemoryMb} MiB (max_memory_mb) together; raise security.max_memory_mb or use fewer memories and tables");

    public static LimitExceededException StackDepth(string toolId) =>
        new(ResourceLimit.StackDepth, "wasm stack",
            $"tool {toolId} exceeded the maximum stack depth (runaway recursion?) and was stopped");

    public static LimitExceededException ShadowStack(string toolId, int frames) =>
        new(ResourceLimit.StackDepth, "linear-memory stack",
            $"tool {toolId} trapped with an out-of-bounds memory access {frames:N0} calls deep, which looks like a stack overflow: its own stack in "
            + "linear memory overflowed (runaway recursion, or large local arrays); reduce the recursion, or link the tool with a bigger stack (C: -Wl,-z,stack-size=1048576)");

    public static LimitExceededException Output(string toolId, long bytes, long limit) =>
        new(ResourceLimit.OutputSize, $"{limit:N0} bytes",
            $"tool {toolId} returned {bytes:N0} bytes, more than the output limit of {limit:N0} bytes");

    public static LimitExceededException Input(string toolId, long bytes, long limit) =>
        new(ResourceLimit.InputSize, $"{limit:N0} bytes",
            $"the input to tool {toolId} is {bytes:N0} bytes, more than the input limit of {limit:N0} bytes");

    public static KamiException Cancelled(string toolId) => new(ErrorKind.Cancelled, $"call to tool {toolId} was cancelled");

    public static KamiException WaitRefused(string toolId, string wait) =>
        new(ErrorKind.GuestFailed,
            $"tool {toolId} tried to wait ({wait}); KAMI does not let a tool block in a host wait, where neither its time limit nor a "
            + "cancellation could reach it. Compute without sleeping or polling timers");

    public static KamiException NoRunExport(string toolId) => new(ErrorKind.ComponentInvalid, $"tool {toolId} does not export run");

    public static KamiException NoResult(string toolId) => new(ErrorKind.ComponentInvalid, $"tool {toolId}: run returned no result");

    /// <summary>The component's file could not be read. The reason stays out: it names host paths, and this reaches clients.</summary>
    public static KamiException Unreadable(string toolId) =>
        new(ErrorKind.ToolNotFound, $"cannot read the component of tool {toolId}; re-install the tool with `kami install --force <package>`");
}
