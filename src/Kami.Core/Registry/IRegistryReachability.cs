namespace Kami.Core.Registry;

/// <summary>
/// Optional on an <see cref="IToolRegistry"/>: one cheap round trip to its store, for readiness probes
/// (<c>kami serve --http</c>'s <c>/readyz</c>). A registry without it is probed through <see cref="IToolRegistry.ChangeStamp"/>,
/// which is enough when that reads the store; one that answers <c>ChangeStamp</c> from memory (a notification feed)
/// implements this so that a lost database connection makes the replica unready.
/// </summary>
public interface IRegistryReachability
{
    /// <summary>Completes when the store answered; throws (any exception, its message for the server log only) when it did not.</summary>
    Task CheckReachableAsync(CancellationToken cancellation);
}
