namespace Kami.Core.Registry;

/// <summary>The first place a chain breaks: the record (row id and sequence number, when there is one), the kind, and what is wrong in words.</summary>
public sealed record AuditChainBreak(long? RecordId, long? Sequence, AuditBreakKind Kind, string Detail);
