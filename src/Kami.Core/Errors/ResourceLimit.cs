namespace Kami.Core.Errors;

/// <summary>The sandbox limits a call can run into (<see cref="ExecutionError.Limit"/>).</summary>
public enum ResourceLimit
{
    /// <summary>The tool spent its fuel budget (<c>max_fuel</c>): roughly, it executed too many instructions.</summary>
    Fuel,
    /// <summary>The tool tried to grow its memory past <c>max_memory_mb</c>.</summary>
    Memory,
    /// <summary>The call ran longer than <c>max_execution_ms</c> of wall-clock time.</summary>
    ExecutionTime,
    /// <summary>The tool overflowed its call stack (the wasm stack or its own stack in linear memory), usually by deep or endless recursion.</summary>
    StackDepth,
    /// <summary>The JSON input was larger than the runtime's input limit.</summary>
    InputSize,
    /// <summary>The tool returned more than the runtime's output limit.</summary>
    OutputSize,
}
