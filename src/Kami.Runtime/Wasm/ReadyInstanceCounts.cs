namespace Kami.Runtime.Wasm;

/// <summary>Instances a runtime's workers made ahead of a call, and how many of them a call then used.</summary>
public sealed class ReadyInstanceCounts
{
    internal long Made;
    internal long Used;

    /// <summary>Instances made ahead so far.</summary>
    public long MadeCount => Interlocked.Read(ref Made);
    /// <summary>Calls that ran on an instance made ahead (the rest were instantiated on demand).</summary>
    public long UsedCount => Interlocked.Read(ref Used);
}
