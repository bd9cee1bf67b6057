namespace Kami.Core.Registry;

/// <summary>
/// Implemented by a registry that can say when it changed (PostgreSQL's LISTEN/NOTIFY), so a server refreshes its
/// tools at once instead of at its next poll. Polling stays: a signal can be lost while its connection is down.
/// </summary>
public interface IRegistryChangeSignal
{
    /// <summary>A task that completes at the next change after this call (take it before reading, so no change falls between).</summary>
    Task NextChange();
}
