namespace Kami.Core.Registry;

/// <summary>An audit log whose records are hash-chained and can be checked.</summary>
public interface IAuditChainSource
{
    /// <summary>Reads every chain at one consistent point and checks it; one verdict per chain, ordered by chain name.</summary>
    IReadOnlyList<AuditChainVerdict> VerifyChains();
}
