namespace Kami.Core.Errors;

public enum ResourceLimit
{
    Fuel,
    Memory,
    ExecutionTime,
    StackDepth,
    InputSize,
    OutputSize,
}
