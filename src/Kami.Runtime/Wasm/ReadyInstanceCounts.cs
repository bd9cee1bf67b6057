namespace Kami.Runtime.Wasm;

/// <summary>Instances a runtime's workers made ahead of a call, and how many of them a call then used.</summary>
public sealed class ReadyInstanceCounts
{
    internal long Made;
    internal long Used;

    public long MadeCount => Interlocked.Read(ref Made);
    public long UsedCount => Interlocked.Read(ref Used);
}
