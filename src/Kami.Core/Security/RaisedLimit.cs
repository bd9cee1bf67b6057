namespace Kami.Core.Security;

/// <summary>A limit a policy sets above KAMI's default, by its manifest name (max_memory_mb, max_execution_ms, max_fuel).</summary>
public sealed record RaisedLimit(string Name, ulong Value, ulong Default);
