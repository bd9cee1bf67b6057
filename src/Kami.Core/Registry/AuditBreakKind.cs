namespace Kami.Core.Registry;

/// <summary>How a chain is broken.</summary>
public enum AuditBreakKind
{
    /// <summary>A record's content no longer matches its hash, or its hash no longer matches the next record's link.</summary>
    Edited,

    /// <summary>Records are gone from the middle, the start (without being pruned) or the end (behind the recorded head).</summary>
    Missing,

    /// <summary>A record's sequence number does not follow the one stored before it.</summary>
    OutOfOrder,
}
