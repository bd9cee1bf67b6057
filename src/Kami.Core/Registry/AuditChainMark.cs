namespace Kami.Core.Registry;

/// <summary>A point in a chain kept apart from the records: the head (newest record written) or how far retention pruned.</summary>
public sealed record AuditChainMark(string Chain, long Sequence, string Hash);
