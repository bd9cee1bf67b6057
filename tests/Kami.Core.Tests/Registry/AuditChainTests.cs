using Kami.Core.Registry;

namespace Kami.Core.Tests.Registry;

/// <summary>The chain's encoding: every field counts, and no two different field lists encode alike.</summary>
public sealed class AuditChainTests
{
    private static string Hash(params object?[] values) => AuditChain.Hash("local", 1, AuditChain.Genesis, values);

    [Fact]
    public void Hash_SameFields_SameHash()
    {
        Assert.Equal(Hash("dev.kami.echo", 1.5, 10L, null), Hash("dev.kami.echo", 1.5, 10L, DBNull.Value));
        Assert.Matches("^[0-9a-f]{64}$", Hash("x"));
    }

    [Fact]
    public void Hash_FieldBoundaryMoved_DifferentHash()
    {
        Assert.NotEqual(Hash("ab", "c"), Hash("a", "bc"));
    }

    [Fact]
    public void Hash_NullVersusEmptyText_DifferentHash()
    {
        Assert.NotEqual(Hash("a", null), Hash("a", ""));
    }

    [Fact]
    public void Hash_IntegerWidths_EncodeAlike_ButNotAsReal()
    {
        Assert.Equal(Hash(3), Hash(3L));
        Assert.NotEqual(Hash(3L), Hash(3.0));
        Assert.NotEqual(Hash("3"), Hash(3L));
    }

    [Fact]
    public void Hash_ChainSequenceOrLink_EachChangesTheHash()
    {
        object?[] values = ["dev.kami.echo"];
        var baseline = AuditChain.Hash("a", 1, AuditChain.Genesis, values);
        Assert.NotEqual(baseline, AuditChain.Hash("b", 1, AuditChain.Genesis, values));
        Assert.NotEqual(baseline, AuditChain.Hash("a", 2, AuditChain.Genesis, values));
        Assert.NotEqual(baseline, AuditChain.Hash("a", 1, new string('1', 64), values));
    }

    [Fact]
    public void Hash_UnsupportedValue_RefusedWithItsType()
    {
        var e = Assert.Throws<ArgumentException>(() => Hash(DateTime.UnixEpoch));
        Assert.Contains("DateTime", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ChainWithoutHeadRow_ReportsMissingHead()
    {
        var values = new object?[] { "x" };
        var first = AuditChain.Hash("a", 1, AuditChain.Genesis, values);
        var verifier = new AuditChainVerifier([], []);
        verifier.Add(new AuditChainRow(1, "a", 1, AuditChain.Genesis, first, values));
        var verdict = Assert.Single(verifier.Finish());
        Assert.Equal(AuditBreakKind.Missing, verdict.Break!.Kind);
    }

    [Fact]
    public void Verify_RecordsBeforeTheChain_CountedAsUnchained()
    {
        var values = new object?[] { "x" };
        var first = AuditChain.Hash("a", 1, AuditChain.Genesis, values);
        var verifier = new AuditChainVerifier([new AuditChainMark("a", 1, first)], []);
        verifier.Add(new AuditChainRow(1, "a", null, null, null, values));
        verifier.Add(new AuditChainRow(2, "a", 1, AuditChain.Genesis, first, values));
        var verdict = Assert.Single(verifier.Finish());
        Assert.True(verdict.Ok);
        Assert.Equal((1L, 1L), (verdict.Checked, verdict.Unchained));
    }

    [Fact]
    public void Verify_HashRemovedAfterChainedRecords_ReportsEdited()
    {
        var values = new object?[] { "x" };
        var first = AuditChain.Hash("a", 1, AuditChain.Genesis, values);
        var verifier = new AuditChainVerifier([new AuditChainMark("a", 2, "ff")], []);
        verifier.Add(new AuditChainRow(1, "a", 1, AuditChain.Genesis, first, values));
        verifier.Add(new AuditChainRow(2, "a", null, null, null, values));
        Assert.Equal(AuditBreakKind.Edited, Assert.Single(verifier.Finish()).Break!.Kind);
    }
}
