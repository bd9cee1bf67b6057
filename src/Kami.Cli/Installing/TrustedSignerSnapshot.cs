using Kami.Core.Trust;

namespace Kami.Cli.Installing;

/// <summary>
/// The trusted signers as a long-running server sees them: re-read at most once a second, so that with
/// require_signature on a call costs a set lookup, not a registry query, and `kami trust remove` still takes
/// effect within a second.
/// </summary>
internal sealed class TrustedSignerSnapshot(ITrustStore store)
{
    private const long RefreshMs = 1_000;
    private Snapshot? _current;

    public bool IsTrusted(string publicKey)
    {
        var now = Environment.TickCount64;
        var current = Volatile.Read(ref _current);
        if (current is null || now - current.ReadAt >= RefreshMs)
        {
            current = new Snapshot(store.ListSigners().Select(s => s.PublicKey).ToHashSet(StringComparer.OrdinalIgnoreCase), now);
            Volatile.Write(ref _current, current);
        }
        return current.Keys.Contains(publicKey);
    }

    private sealed record Snapshot(HashSet<string> Keys, long ReadAt);
}
