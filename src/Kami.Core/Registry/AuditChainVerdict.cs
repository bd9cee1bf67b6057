namespace Kami.Core.Registry;

/// <summary>
/// The verdict on one chain: how many chained records were checked, how many older records predate the chain
/// (written before it existed, so unprotected), and the first break, if any.
/// </summary>
public sealed record AuditChainVerdict(string Chain, long Checked, long Unchained, AuditChainBreak? Break)
{
    /// <summary>Whether the chain verified.</summary>
    public bool Ok => Break is null;
}
