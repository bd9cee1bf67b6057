using Kami.Core.Registry;
using Kami.Core.Tools;
using Kami.Core.Trust;

namespace Kami.Registry.Contract.Tests;

/// <summary>One previous version per tool, pins, and the trusted signers, as every adapter keeps them.</summary>
public abstract class HistoryAndTrustContract<TAdapter> : ContractTest<TAdapter> where TAdapter : RegistryAdapter, new()
{
    private static readonly ToolId Echo = ToolId.Parse("dev.kami.echo");

    [Fact]
    public void UpsertKeepingPrevious_ThirdVersion_EvictsTheFirst()
    {
        var v1 = Tools.Make("dev.kami.echo", "1.0.0");
        var v2 = Tools.Make("dev.kami.echo", "2.0.0");
        Assert.Equal((null, null), Registry.UpsertKeepingPrevious(v1));
        Assert.Equal("1.0.0", Registry.UpsertKeepingPrevious(v2).Replaced!.Manifest.Version.ToString());

        var (replaced, evicted) = Registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "3.0.0"));

        Assert.Equal("2.0.0", replaced!.Manifest.Version.ToString());
        Assert.Equal("1.0.0", evicted!.Manifest.Version.ToString());
        Assert.Equal("2.0.0", Registry.Previous(Echo)!.Manifest.Version.ToString());
        Assert.Contains(v2.InstallPath, Registry.ReferencedInstallPaths());
        Assert.DoesNotContain(v1.InstallPath, Registry.ReferencedInstallPaths());
    }

    [Fact]
    public void Rollback_SwapsCurrentAndPreviousKeepingSwitches()
    {
        Registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "1.0.0") with { Signature = new string('1', 128), SignerPublicKey = new string('2', 64), ManifestSignature = new string('3', 128) });
        Registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "2.0.0", enabled: false));
        Registry.SetPinned(Echo, true);
        var stamp = Registry.ChangeStamp();

        var restored = Registry.Rollback(Echo)!;

        Assert.Equal("1.0.0", restored.Manifest.Version.ToString());
        var now = Registry.Find(Echo)!;
        Assert.Equal("1.0.0", now.Manifest.Version.ToString());
        Assert.Equal(new string('2', 64), now.SignerPublicKey);
        Assert.Equal(new string('3', 128), now.ManifestSignature);
        Assert.False(now.Enabled);
        Assert.True(now.Pinned);
        Assert.Equal("2.0.0", Registry.Previous(Echo)!.Manifest.Version.ToString());
        Assert.NotEqual(stamp, Registry.ChangeStamp());
    }

    [Fact]
    public void Rollback_WithoutPrevious_Null()
    {
        Registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "1.0.0"));
        Assert.Null(Registry.Rollback(Echo));
        Assert.Null(Registry.Rollback(ToolId.Parse("dev.kami.none")));
    }

    [Fact]
    public void SetPinned_MissingTool_False()
    {
        Assert.False(Registry.SetPinned(Echo, true));
        Registry.Upsert(Tools.Make("dev.kami.echo"));
        Assert.True(Registry.SetPinned(Echo, true));
        Assert.True(Registry.Find(Echo)!.Pinned);
    }

    [Fact]
    public void Remove_WithPrevious_RemovesBothRows()
    {
        Registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "1.0.0"));
        Registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "2.0.0"));

        Registry.Remove(Echo);

        Assert.Null(Registry.Previous(Echo));
        Assert.Empty(Registry.ReferencedInstallPaths());
    }

    [Fact]
    public void TrustedSigners_AddRenameRemove_AndNamesAreUnique()
    {
        var key = new string('a', 64);
        var stamp = Registry.ChangeStamp();
        Assert.True(Registry.AddSigner(new TrustedSigner(key, "alice", DateTimeOffset.UnixEpoch)));
        Assert.NotEqual(stamp, Registry.ChangeStamp());
        Assert.True(Registry.IsTrusted(key.ToUpperInvariant()));
        Assert.False(Registry.AddSigner(new TrustedSigner(new string('b', 64), "ALICE", DateTimeOffset.UnixEpoch)));
        Assert.True(Registry.AddSigner(new TrustedSigner(key, "alice2", DateTimeOffset.UnixEpoch)));
        Assert.Equal("alice2", Assert.Single(Registry.ListSigners()).Name);
        Assert.Equal(DateTimeOffset.UnixEpoch, Registry.ListSigners()[0].AddedAt);

        Assert.Equal(key, Registry.RemoveSigner("alice2")!.PublicKey);
        Assert.False(Registry.IsTrusted(key));
        Assert.Null(Registry.RemoveSigner("alice2"));
    }
}
