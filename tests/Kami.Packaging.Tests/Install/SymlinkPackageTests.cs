using Kami.Core.Errors;
using Kami.Packaging.Install;
using Kami.Packaging.Tests.Packages;

namespace Kami.Packaging.Tests.Install;

/// <summary>Issue 9 item 11: a link anywhere in a directory package is refused at install, naming the link.</summary>
public sealed class SymlinkPackageTests : IDisposable
{
    private readonly InstallerFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string Outside(string name, byte[] content)
    {
        var dir = Path.Combine(_f.Scratch, "outside-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, name), content);
        return dir;
    }

    private ManifestInvalidException Refused(string package)
    {
        var e = Assert.Throws<ManifestInvalidException>(() => _f.Installer.Install(package, new InstallOptions()));
        Assert.Null(_f.Registry.Find(InstallerFixture.EchoId));
        return e;
    }

    [Fact]
    public void Install_SymlinksWasmDirectory_IsRefusedNamingTheLink()
    {
        var lib = Outside("echo.wasm", TestPackages.EchoWasm);
        var dir = TestPackages.Directory(_f.Scratch, "pkg", ("tool.toml", TestPackages.Text(TestPackages.Manifest(wasm: "lib/echo.wasm"))));
        Directory.CreateSymbolicLink(Path.Combine(dir, "lib"), lib);

        var problem = Assert.Single(Refused(dir).Problems);

        Assert.Contains("lib is a symbolic link", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_SymlinksToolToml_IsRefusedNamingTheLink()
    {
        var manifest = Outside("tool.toml", TestPackages.Text(TestPackages.EchoManifest));
        var dir = TestPackages.Directory(_f.Scratch, "pkg", ("echo.wasm", TestPackages.EchoWasm));
        File.CreateSymbolicLink(Path.Combine(dir, "tool.toml"), Path.Combine(manifest, "tool.toml"));

        var problem = Assert.Single(Refused(Path.Combine(dir, "tool.toml")).Problems);

        Assert.Contains("tool.toml is a symbolic link", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_SymlinksDeepInTree_IsRefusedNamingTheLink()
    {
        var dir = TestPackages.EchoCopy(_f.Scratch);
        Directory.CreateDirectory(Path.Combine(dir, "docs", "more"));
        File.CreateSymbolicLink(Path.Combine(dir, "docs", "more", "key"), "/etc/passwd");

        var problem = Assert.Single(Refused(dir).Problems);

        Assert.Contains("docs/more/key is a symbolic link", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_SymlinksNowhere_Installs()
    {
        var dir = TestPackages.EchoCopy(_f.Scratch);
        Directory.CreateDirectory(Path.Combine(dir, "docs"));
        File.WriteAllText(Path.Combine(dir, "docs", "readme.md"), "hi");

        Assert.NotNull(_f.Installer.Install(dir, new InstallOptions()).Tool);
    }
}
