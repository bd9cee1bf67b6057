using Kami.Core.Registry;
using Kami.Core.Tools;
using Kami.Core.Trust;

namespace Kami.Registry.Contract.Tests;

/// <summary>One previous version per tool, pins, and the trusted signers, as every adapter keeps them.</summary>
public abstract class HistoryAndTrustContract<TAdapter> : IDisposable where TAdapter : RegistryAdapter, new()
{
    private static readonly ToolId Echo = ToolId.Parse("dev.kami.echo");
    private readonly TAdapter _adapter = new();
    private readonly IRegistryStore _registry;
    private readonly ToolFiles _tools;

    protected HistoryAndTrustContract()
    {
        _registry = _adapter.Open();
        _tools = new ToolFiles(_adapter.ToolsDirectory);
    }

    public void Dispose()
    {
        _adapter.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void UpsertKeepingPrevious_ThirdVersion_EvictsTheFirst()
    {
        var v1 = _tools.Make("dev.kami.echo", "1.0.0");
        var v2 = _tools.Make("dev.kami.echo", "2.0.0");
        Assert.Equal((null, null), _registry.UpsertKeepingPrevious(v1));
        Assert.Equal("1.0.0", _registry.UpsertKeepingPrevious(v2).Replaced!.Manifest.Version.ToString());

        var (replaced, evicted) = _registry.UpsertKeepingPrevious(_tools.Make("dev.kami.echo", "3.0.0"));

        Assert.Equal("2.0.0", replaced!.Manifest.Version.ToString());
        Assert.Equal("1.0.0", evicted!.Manifest.Version.ToString());
        Assert.Equal("2.0.0", _registry.Previous(Echo)!.Manifest.Version.ToString());
        Assert.Contains(v2.InstallPath, _registry.ReferencedInstallPaths());
        Assert.DoesNotContain(v1.InstallPath, _registry.ReferencedInstallPaths());
    }

    [Fact]
    public void Rollback_SwapsCurrentAndPreviousKeepingSwitches()
    {
        _registry.UpsertKeepingPrevious(_tools.Make("dev.kami.echo", "1.0.0") with { Signature = new string('1', 128), SignerPublicKey = new string('2', 64), ManifestSignature = new string('3', 128) });
        _registry.UpsertKeepingPrevious(_tools.Make("dev.kami.echo", "2.0.0", enabled: false));
        _registry.SetPinned(Echo, true);
        var stamp = _registry.ChangeStamp();

        var restored = _registry.Rollback(Echo)!;

        Assert.Equal("1.0.0", restored.Manifest.Version.ToString());
        var now = _registry.Find(Echo)!;
        Assert.Equal("1.0.0", now.Manifest.Version.ToString());
        Assert.Equal(new string('2', 64), now.SignerPublicKey);
        Assert.Equal(new string('3', 128), now.ManifestSignature);
        Assert.False(now.Enabled);
        Assert.True(now.Pinned);
        Assert.Equal("2.0.0", _registry.Previous(Echo)!.Manifest.Version.ToString());
        Assert.NotEqual(stamp, _registry.ChangeStamp());
    }

    [Fact]
    public void Rollback_WithoutPrevious_Null()
    {
        _registry.UpsertKeepingPrevious(_tools.Make("dev.kami.echo", "1.0.0"));
        Assert.Null(_registry.Rollback(Echo));
        Assert.Null(_registry.Rollback(ToolId.Parse("dev.kami.none")));
    }

    [Fact]
    public void SetPinned_MissingTool_False()
    {
        Assert.False(_registry.SetPinned(Echo, true));
        _registry.Upsert(_tools.Make("dev.kami.echo"));
        Assert.True(_registry.SetPinned(Echo, true));
        Assert.True(_registry.Find(Echo)!.Pinned);
    }

    [Fact]
    public void Remove_WithPrevious_RemovesBothRows()
    {
        _registry.UpsertKeepingPrevious(_tools.Make("dev.kami.echo", "1.0.0"));
        _registry.UpsertKeepingPrevious(_tools.Make("dev.kami.echo", "2.0.0"));

        _registry.Remove(Echo);

        Assert.Null(_registry.Previous(Echo));
        Assert.Empty(_registry.ReferencedInstallPaths());
    }

    [Fact]
    public void TrustedSigners_AddRenameRemove_AndNamesAreUnique()
    {
        var key = new string('a', 64);
        var stamp = _registry.ChangeStamp();
        Assert.True(_registry.AddSigner(new TrustedSigner(key, "alice", DateTimeOffset.UnixEpoch)));
        Assert.NotEqual(stamp, _registry.ChangeStamp());
        Assert.True(_registry.IsTrusted(key.ToUpperInvariant()));
        Assert.False(_registry.AddSigner(new TrustedSigner(new string('b', 64), "ALICE", DateTimeOffset.UnixEpoch)));
        Assert.True(_registry.AddSigner(new TrustedSigner(key, "alice2", DateTimeOffset.UnixEpoch)));
        Assert.Equal("alice2", Assert.Single(_registry.ListSigners()).Name);
        Assert.Equal(DateTimeOffset.UnixEpoch, _registry.ListSigners()[0].AddedAt);

        Assert.Equal(key, _registry.RemoveSigner("alice2")!.PublicKey);
        Assert.False(_registry.IsTrusted(key));
        Assert.Null(_registry.RemoveSigner("alice2"));
    }
}
