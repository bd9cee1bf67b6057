using Kami.Packaging.Install;
using Kami.Packaging.Tests.Packages;

namespace Kami.Packaging.Tests.Install;

/// <summary>An install that dies after any step leaves the old tool or the new one, and the sweeper cleans up the rest.</summary>
public sealed class InstallAtomicityTests : IDisposable
{
    private sealed class InjectedCrash : Exception;

    private readonly InstallerFixture _f = new();

    public void Dispose() => _f.Dispose();

    public static TheoryData<InstallStep> Steps() => new(Enum.GetValues<InstallStep>());

    [Theory]
    [MemberData(nameof(Steps))]
    public void Install_UpgradeCrashesAfterStep_OldOrNewToolIntact(InstallStep failAt)
    {
        var old = _f.Install("1.0.0", "old");
        var package = TestPackages.EchoCopy(_f.Scratch, "1.1.0", TestPackages.EchoWasmTagged("new"));
        _f.Installer.AfterStep = step => { if (step == failAt) throw new InjectedCrash(); };

        Assert.Throws<InjectedCrash>(() => _f.Installer.Install(package, new InstallOptions()));

        var now = _f.Registry.Find(InstallerFixture.EchoId)!;
        _f.AssertRowIsConsistent();
        var committed = failAt >= InstallStep.Recorded;
        Assert.Equal(committed ? "1.1.0" : "1.0.0", now.Manifest.Version.ToString());
        if (!committed) Assert.Equal(old.WasmSha256, now.WasmSha256);
        Assert.Empty(Directory.GetDirectories(_f.Paths.Staging));

        SweepAfterGracePeriod();
        // Once the new row is recorded, the old version stays on disk as the previous one (kami rollback).
        Assert.Equal(committed ? new[] { old.InstallPath, now.InstallPath }.Order().ToList() : [now.InstallPath], _f.InstallDirectories());
        _f.AssertRowIsConsistent();
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Install_FirstInstallCrashesAfterStep_NoRowOrCompleteRow(InstallStep failAt)
    {
        _f.Installer.AfterStep = step => { if (step == failAt) throw new InjectedCrash(); };

        Assert.Throws<InjectedCrash>(() => _f.Installer.Install(TestPackages.EchoDirectory, new InstallOptions()));

        var now = _f.Registry.Find(InstallerFixture.EchoId);
        Assert.Equal(failAt >= InstallStep.Recorded, now is not null);
        _f.AssertRowIsConsistent();

        SweepAfterGracePeriod();
        Assert.Equal(now is null ? [] : [now.InstallPath], _f.InstallDirectories());
    }

    [Fact]
    public void Install_CrashThenRetry_Succeeds()
    {
        _f.Installer.AfterStep = step => { if (step == InstallStep.Published) throw new InjectedCrash(); };
        Assert.Throws<InjectedCrash>(() => _f.Installer.Install(TestPackages.EchoDirectory, new InstallOptions()));
        _f.Installer.AfterStep = null;

        // The published-but-unrecorded directory already holds exactly these bytes, so the retry reuses it.
        var tool = _f.Installer.Install(TestPackages.EchoDirectory, new InstallOptions()).Tool;
        Assert.Equal([tool.InstallPath], _f.InstallDirectories());
        _f.AssertRowIsConsistent();
    }

    [Fact]
    public void Sweep_WithinGracePeriod_LeavesLeftoversForAnInstallInProgress()
    {
        _f.Installer.AfterStep = step => { if (step == InstallStep.Published) throw new InjectedCrash(); };
        Assert.Throws<InjectedCrash>(() => _f.Installer.Install(TestPackages.EchoDirectory, new InstallOptions()));
        var staging = Directory.CreateDirectory(Path.Combine(_f.Paths.Staging, "in-progress")).FullName;

        Assert.Equal(0, InstallSweeper.Sweep(_f.Paths, _f.Registry, _f.Time));
        Assert.Single(_f.InstallDirectories());
        Assert.True(Directory.Exists(staging));

        SweepAfterGracePeriod();
        Assert.Empty(_f.InstallDirectories());
        Assert.False(Directory.Exists(staging));
    }

    [Fact]
    public void Sweep_NoToolsDirectory_RemovesNothing()
    {
        Assert.Equal(0, InstallSweeper.Sweep(_f.Paths, _f.Registry, _f.Time));
    }

    private void SweepAfterGracePeriod()
    {
        _f.Time.Advance(InstallSweeper.GracePeriod + TimeSpan.FromMinutes(1));
        InstallSweeper.Sweep(_f.Paths, _f.Registry, _f.Time);
    }
}
