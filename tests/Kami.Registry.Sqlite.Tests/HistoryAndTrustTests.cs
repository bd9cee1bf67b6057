using Kami.Core.Tools;
using Kami.Core.Trust;
using Kami.TestCommon;

namespace Kami.Registry.Sqlite.Tests;

/// <summary>Issue 12: schema v3 keeps one previous version per tool, pins, and the trusted signers.</summary>
public sealed class HistoryAndTrustTests : IDisposable
{
    private static readonly ToolId Echo = ToolId.Parse("dev.kami.echo");
    private readonly TempDirectory _temp = new();
    private readonly SqliteToolRegistry _registry;

    public HistoryAndTrustTests() => _registry = new SqliteToolRegistry(_temp.Combine("registry.db"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void UpsertKeepingPrevious_ThirdVersion_EvictsTheFirst()
    {
        var v1 = Tools.Make("dev.kami.echo", "1.0.0");
        var v2 = Tools.Make("dev.kami.echo", "2.0.0");
        Assert.Equal((null, null), _registry.UpsertKeepingPrevious(v1));
        Assert.Equal("1.0.0", _registry.UpsertKeepingPrevious(v2).Replaced!.Manifest.Version.ToString());

        var (replaced, evicted) = _registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "3.0.0"));

        Assert.Equal("2.0.0", replaced!.Manifest.Version.ToString());
        Assert.Equal("1.0.0", evicted!.Manifest.Version.ToString());
        Assert.Equal("2.0.0", _registry.Previous(Echo)!.Manifest.Version.ToString());
        Assert.Contains(v2.InstallPath, _registry.ReferencedInstallPaths());
        Assert.DoesNotContain(v1.InstallPath, _registry.ReferencedInstallPaths());
    }

    [Fact]
    public void Rollback_SwapsCurrentAndPreviousKeepingSwitches()
    {
        _registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "1.0.0") with { Signature = new string('1', 128), SignerPublicKey = new string('2', 64), ManifestSignature = new string('3', 128) });
        _registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "2.0.0", enabled: false));
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
    public void Remove_WithPrevious_RemovesBothRows()
    {
        _registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "1.0.0"));
        _registry.UpsertKeepingPrevious(Tools.Make("dev.kami.echo", "2.0.0"));

        _registry.Remove(Echo);

        Assert.Null(_registry.Previous(Echo));
        Assert.Empty(_registry.ReferencedInstallPaths());
    }

    [Fact]
    public void TrustedSigners_AddRenameRemove_AndNamesAreUnique()
    {
        var key = new string('a', 64);
        Assert.True(_registry.AddSigner(new TrustedSigner(key, "alice", DateTimeOffset.UnixEpoch)));
        Assert.True(_registry.IsTrusted(key.ToUpperInvariant()));
        Assert.False(_registry.AddSigner(new TrustedSigner(new string('b', 64), "ALICE", DateTimeOffset.UnixEpoch)));
        Assert.True(_registry.AddSigner(new TrustedSigner(key, "alice2", DateTimeOffset.UnixEpoch)));
        Assert.Equal("alice2", Assert.Single(_registry.ListSigners()).Name);

        Assert.Equal(key, _registry.RemoveSigner("alice2")!.PublicKey);
        Assert.False(_registry.IsTrusted(key));
        Assert.Null(_registry.RemoveSigner("alice2"));
    }
}
