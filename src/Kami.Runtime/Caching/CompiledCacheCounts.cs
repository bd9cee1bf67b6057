namespace Kami.Runtime.Caching;

/// <summary>What one process's compiled cache did: artifacts loaded, not found, refused (failed verification or load), written.</summary>
public sealed record CompiledCacheCounts(long Hits, long Misses, long Rejected, long Written);
