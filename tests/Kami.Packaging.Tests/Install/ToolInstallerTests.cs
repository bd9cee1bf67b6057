using Kami.Core.Errors;
using Kami.Packaging.Install;
using Kami.Packaging.Tests.Packages;

namespace Kami.Packaging.Tests.Install;

public sealed class ToolInstallerTests : IDisposable
{
    private readonly InstallerFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Install_EchoExample_RecordedWithHashAndFiles()
    {
        var result = _f.Installer.Install(TestPackages.EchoDirectory, new InstallOptions());

        var tool = _f.Registry.Find(InstallerFixture.EchoId)!;
        Assert.Equal(result.Tool.WasmSha256, tool.WasmSha256);
        Assert.Equal(Kami.Core.Security.IntegrityHash.OfFile(Path.Combine(TestPackages.EchoDirectory, "echo.wasm")), tool.WasmSha256);
        Assert.Matches("^[0-9a-f]{64}$", tool.WasmSha256);
        Assert.True(tool.Enabled);
        Assert.Null(result.Replaced);
        Assert.Equal(_f.Paths.InstallDirectory(tool.Id, tool.Manifest.Version, tool.WasmSha256), tool.InstallPath);
        Assert.Equal(TestPackages.EchoManifest, File.ReadAllText(Path.Combine(tool.InstallPath, "tool.toml")));
        _f.AssertRowIsConsistent();
        Assert.Empty(Directory.GetDirectories(_f.Paths.Staging));
    }

    [Fact]
    public void Install_RustStyleZip_InstalledWithNote()
    {
        var zip = TestPackages.Zip(Path.Combine(_f.Scratch, "plugin.zip"),
            ("tool.toml", TestPackages.Text(TestPackages.Manifest(wasm: "target/wasm32-wasip2/release/echo.wasm"))), ("echo.wasm", TestPackages.EchoWasm));

        var result = _f.Installer.Install(zip, new InstallOptions());

        Assert.Single(result.Notes);
        Assert.Equal("echo.wasm", result.Tool.Manifest.WasmPath);
        _f.AssertRowIsConsistent();
    }

    [Fact]
    public void Install_InvalidPackage_NothingRecordedNoStagingLeft()
    {
        var dir = TestPackages.Directory(_f.Scratch, "bad", ("tool.toml", TestPackages.Text("[tool]\n")));
        Assert.Throws<ManifestInvalidException>(() => _f.Installer.Install(dir, new InstallOptions()));
        Assert.Null(_f.Registry.Find(InstallerFixture.EchoId));
        Assert.Empty(Directory.GetDirectories(_f.Paths.Staging));
    }

    [Fact]
    public void Install_SameVersionWithoutForce_Refused()
    {
        var first = _f.Install("1.0.0", "a");
        var e = Assert.Throws<KamiException>(() => _f.Install("1.0.0", "a"));
        Assert.Equal(ErrorKind.ToolAlreadyInstalled, e.Kind);
        Assert.Contains("--force", e.Message, StringComparison.Ordinal);
        Assert.Equal(first.InstallPath, _f.Registry.Find(InstallerFixture.EchoId)!.InstallPath);
    }

    [Fact]
    public void Install_SameVersionSameBytesWithForce_KeepsDirectory()
    {
        var first = _f.Install("1.0.0", "a");
        var again = _f.Install("1.0.0", "a", force: true);
        Assert.Equal(first.InstallPath, again.InstallPath);
        _f.AssertRowIsConsistent();
        Assert.Single(_f.InstallDirectories());
    }

    [Fact]
    public void Install_SameVersionChangedBytesWithForce_ReplacesAndKeepsOldAsPrevious()
    {
        var first = _f.Install("1.0.0", "a");
        var second = _f.Install("1.0.0", "b", force: true);
        Assert.NotEqual(first.WasmSha256, second.WasmSha256);
        Assert.True(Directory.Exists(first.InstallPath));
        Assert.Equal(first.WasmSha256, _f.Registry.Previous(InstallerFixture.EchoId)!.WasmSha256);
        Assert.Equal(new[] { first.InstallPath, second.InstallPath }.Order(), _f.InstallDirectories());
        _f.AssertRowIsConsistent();
    }

    [Fact]
    public void Install_SameBytesWithForce_KeepsTheEarlierPreviousVersion()
    {
        var first = _f.Install("1.0.0", "a");
        var second = _f.Install("1.1.0", "b");
        _f.Install("1.1.0", "b", force: true);
        Assert.Equal(first.InstallPath, _f.Registry.Previous(InstallerFixture.EchoId)!.InstallPath);
        Assert.Equal(new[] { first.InstallPath, second.InstallPath }.Order(), _f.InstallDirectories());
    }

    [Fact]
    public void Install_NewerVersion_KeepsReplacedAsPreviousAndDeletesTheOneBefore()
    {
        var oldest = _f.Install("1.0.0", "a");
        var old = _f.Install("1.1.0", "b");
        var result = _f.Installer.Install(TestPackages.EchoCopy(_f.Scratch, "1.2.0", TestPackages.EchoWasmTagged("c")), new InstallOptions());

        Assert.Equal("1.1.0", result.Replaced!.Manifest.Version.ToString());
        Assert.Equal("1.2.0", _f.Registry.Find(InstallerFixture.EchoId)!.Manifest.Version.ToString());
        Assert.Equal(old.InstallPath, _f.Registry.Previous(InstallerFixture.EchoId)!.InstallPath);
        Assert.False(Directory.Exists(oldest.InstallPath));
        Assert.False(Directory.Exists(Path.GetDirectoryName(oldest.InstallPath)), "the emptied version directory is removed too");
        Assert.Equal(new[] { old.InstallPath, result.Tool.InstallPath }.Order(), _f.InstallDirectories());
        _f.AssertRowIsConsistent();
    }

    [Fact]
    public void Install_Downgrade_RefusedWithoutAllowDowngrade()
    {
        _f.Install("2.0.0", "a");
        var e = Assert.Throws<KamiException>(() => _f.Install("1.0.0", "b"));
        Assert.Equal(ErrorKind.ToolAlreadyInstalled, e.Kind);
        Assert.Contains("--allow-downgrade", e.Message, StringComparison.Ordinal);
        // --force re-installs the same version; it is not a way to go back.
        Assert.Throws<KamiException>(() => _f.Install("1.0.0", "b", force: true));
        Assert.Equal("2.0.0", _f.Registry.Find(InstallerFixture.EchoId)!.Manifest.Version.ToString());

        _f.Install("1.0.0", "b", allowDowngrade: true);
        Assert.Equal("1.0.0", _f.Registry.Find(InstallerFixture.EchoId)!.Manifest.Version.ToString());
        Assert.Equal(2, _f.InstallDirectories().Count);
    }

    [Fact]
    public void Install_PreReleaseThenRelease_IsAnUpgrade()
    {
        _f.Install("1.0.0-rc.1", "a");
        _f.Install("1.0.0", "b");
        Assert.Equal("1.0.0", _f.Registry.Find(InstallerFixture.EchoId)!.Manifest.Version.ToString());
    }

    [Fact]
    public void Uninstall_RemovesRowAndDirectory()
    {
        var tool = _f.Install("1.0.0", "a");
        var removed = _f.Installer.Uninstall(InstallerFixture.EchoId);
        Assert.Equal(tool.InstallPath, removed.InstallPath);
        Assert.Null(_f.Registry.Find(InstallerFixture.EchoId));
        Assert.False(Directory.Exists(tool.InstallPath));
        Assert.False(Directory.Exists(Path.Combine(_f.Paths.Tools, "dev.kami.echo")), "the emptied id directory is removed too");
        Assert.True(Directory.Exists(_f.Paths.Tools));
    }

    [Fact]
    public void Uninstall_NotInstalled_ToolNotFound()
    {
        var e = Assert.Throws<KamiException>(() => _f.Installer.Uninstall(InstallerFixture.EchoId));
        Assert.Equal(ErrorKind.ToolNotFound, e.Kind);
    }
}
