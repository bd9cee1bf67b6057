namespace Kami.Core.Registry;

/// <summary>One stored audit record as the chain sees it: its row id, chain, place in the chain, links and column values as stored.</summary>
public sealed record AuditChainRow(long Id, string Chain, long? Sequence, string? PreviousHash, string? Hash, IReadOnlyList<object?> Values);
