using System.Globalization;

namespace Kami.Core.Registry;

/// <summary>
/// Checks audit chains from the records in storage order (row id ascending), given each chain's recorded head and
/// how far retention pruned it. Streams: it keeps one small state per chain, never the records. Only the first
/// break of each chain is reported, since everything after it is suspect anyway.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly Dictionary<string, AuditChainMark> _heads;
    private readonly Dictionary<string, AuditChainMark> _pruned;
    private readonly Dictionary<string, State> _chains = new(StringComparer.Ordinal);

    /// <summary>A verifier for chains whose recorded heads and pruned points are <paramref name="heads"/> and <paramref name="pruned"/>.</summary>
    public AuditChainVerifier(IEnumerable<AuditChainMark> heads, IEnumerable<AuditChainMark> pruned)
    {
        _heads = heads.ToDictionary(h => h.Chain, StringComparer.Ordinal);
        _pruned = pruned.ToDictionary(p => p.Chain, StringComparer.Ordinal);
    }

    /// <summary>The next record in storage order.</summary>
    public void Add(AuditChainRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!_chains.TryGetValue(row.Chain, out var state)) _chains[row.Chain] = state = new State();
        if (state.Break is not null) return;
        if (state.Gap is { } gap)
        {
            // A record after a gap: if it fills the gap, the two were stored in the wrong order; if not, records are gone.
            state.Break = row.Sequence < gap.Sequence
                ? new(gap.Id, gap.Sequence, AuditBreakKind.OutOfOrder, $"sequence {gap.Sequence} is stored before sequence {row.Sequence}: records were reordered or their sequence numbers exchanged")
                : new(gap.Id, gap.Sequence, AuditBreakKind.Missing, MissingBetween(state.Last!.Value, gap.Sequence!.Value));
            return;
        }
        if (row.Sequence is not { } sequence || row.PreviousHash is null || row.Hash is null)
        {
            // Records written before the chain existed come first; one after a chained record lost its chain fields.
            if (state.Last is null) state.Unchained++;
            else state.Break = new(row.Id, row.Sequence, AuditBreakKind.Edited, "it has no hash although it follows chained records: its chain fields were removed");
            return;
        }
        string expectedLink;
        if (state.Last is not { } last)
        {
            var pruned = _pruned.GetValueOrDefault(row.Chain);
            if (sequence == 1) expectedLink = AuditChain.Genesis;
            else if (pruned is not null && pruned.Sequence == sequence - 1) expectedLink = pruned.Hash;
            // Retention removed records up to here or beyond: the oldest remaining record's link is the anchor.
            else if (pruned is not null && pruned.Sequence >= sequence) expectedLink = row.PreviousHash;
            else
            {
                state.Break = new(row.Id, sequence, AuditBreakKind.Missing,
                    $"{MissingBetween(pruned?.Sequence ?? 0, sequence)} before the oldest remaining record, and retention did not remove them ({(pruned is null ? "nothing was pruned" : $"it pruned through {pruned.Sequence}")})");
                return;
            }
        }
        else if (sequence == last + 1) expectedLink = state.LastHash!;
        else if (sequence > last + 1)
        {
            state.Gap = row;
            return;
        }
        else
        {
            state.Break = new(row.Id, sequence, AuditBreakKind.OutOfOrder, $"sequence {sequence} is stored after sequence {last}: records were reordered or their sequence numbers exchanged");
            return;
        }
        if (!string.Equals(row.PreviousHash, expectedLink, StringComparison.Ordinal))
        {
            state.Break = state.Last is null
                ? new(row.Id, sequence, AuditBreakKind.Edited, "its link to the previous record is not the chain's recorded anchor: it was changed")
                : new(state.LastId, state.Last, AuditBreakKind.Edited, $"the next record (sequence {sequence}) links to a different hash: this record was changed and its hash recomputed, or that link was changed");
            return;
        }
        if (!string.Equals(AuditChain.Hash(row.Chain, sequence, row.PreviousHash, row.Values), row.Hash, StringComparison.Ordinal))
        {
            state.Break = new(row.Id, sequence, AuditBreakKind.Edited, "its content does not match its hash: a field was changed");
            return;
        }
        state.Checked++;
        state.Last = sequence;
        state.LastId = row.Id;
        state.LastHash = row.Hash;
    }

    /// <summary>One verdict per chain (every chain with a record, a head or a pruned point), ordered by name.</summary>
    public IReadOnlyList<AuditChainVerdict> Finish()
    {
        var names = _chains.Keys.Concat(_heads.Keys).Concat(_pruned.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. names.Select(Verdict)];
    }

    private AuditChainVerdict Verdict(string chain)
    {
        var state = _chains.GetValueOrDefault(chain) ?? new State();
        return new(chain, state.Checked, state.Unchained, state.Break ?? EndBreak(chain, state));
    }

    // The records that remain are consistent with each other; the end is checked against the head kept beside them.
    private AuditChainBreak? EndBreak(string chain, State state)
    {
        if (state.Gap is { } gap) return new(gap.Id, gap.Sequence, AuditBreakKind.Missing, MissingBetween(state.Last!.Value, gap.Sequence!.Value));
        var head = _heads.GetValueOrDefault(chain);
        var pruned = _pruned.GetValueOrDefault(chain)?.Sequence ?? 0;
        if (state.Last is not { } last)
            return head is not null && head.Sequence > pruned
                ? new(null, head.Sequence, AuditBreakKind.Missing, $"{MissingBetween(pruned, head.Sequence + 1)}: the chain's head says it has {head.Sequence}, and none remains after the pruned point")
                : null;
        if (head is null) return new(state.LastId, last, AuditBreakKind.Missing, "the chain's recorded head is gone, so whether records were removed from its end cannot be checked");
        if (head.Sequence > last) return new(null, last + 1, AuditBreakKind.Missing, $"{MissingBetween(last, head.Sequence + 1)} at the end (the chain's recorded head is {head.Sequence})");
        if (head.Sequence < last) return new(state.LastId, last, AuditBreakKind.Edited, $"the chain's recorded head is {head.Sequence}, behind its newest record: the head was changed");
        return string.Equals(head.Hash, state.LastHash, StringComparison.Ordinal)
            ? null
            : new(state.LastId, last, AuditBreakKind.Edited, "the newest record's hash is not the chain's recorded head: it was replaced");
    }

    private static string MissingBetween(long before, long after) =>
        after - before == 2
            ? string.Create(CultureInfo.InvariantCulture, $"record {before + 1} is missing")
            : string.Create(CultureInfo.InvariantCulture, $"records {before + 1} to {after - 1} are missing");

    private sealed class State
    {
        public long Checked;
        public long Unchained;
        public long? Last;
        public long? LastId;
        public string? LastHash;
        public AuditChainRow? Gap;
        public AuditChainBreak? Break;
    }
}
