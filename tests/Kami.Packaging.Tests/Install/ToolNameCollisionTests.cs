using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Core.Tools;
using Kami.Packaging.Install;
using Kami.Packaging.Tests.Packages;

namespace Kami.Packaging.Tests.Install;

/// <summary>Issue 9 item 3: install keeps every installed tool's MCP name its own, in both naming styles.</summary>
public sealed class ToolNameCollisionTests : IDisposable
{
    private static readonly ToolId Victim = ToolId.Parse("dev.kami." + new string('a', 60));

    private readonly InstallerFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Install_ToolNameCollision_IdSpellingAnotherToolsShortenedName_GetsItsOwnName()
    {
        // On main, this id's underscore name was exactly the victim's shortened one (prefix + '-' + 8 hex), so serving
        // both with --tool-names underscore failed. Now both install and keep distinct names.
        var victimName = ToolNaming.NameOf(Victim, ToolNameStyle.Underscore);
        var oldHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Victim.Value)))[..8];
        var imitation = ToolId.Parse(ToolNaming.IdOf(Victim.Value.Replace('.', '_')[..55] + "-" + oldHash));

        Install(Victim);
        Install(imitation);

        Assert.Equal(2, _f.Registry.List(ToolQuery.All).Count);
        Assert.NotEqual(victimName, ToolNaming.NameOf(imitation, ToolNameStyle.Underscore));
    }

    [Fact]
    public void Install_ToolNameCollision_SameIdInOtherCase_IsAnUpgradeNotACollision()
    {
        Install(ToolId.Parse("dev.kami.echo"));
        var e = Assert.Throws<KamiException>(() => Install(ToolId.Parse("dev.kami.ECHO")));
        Assert.Equal(ErrorKind.ToolAlreadyInstalled, e.Kind);
        Assert.Contains("--force", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("would be served as", e.Message, StringComparison.Ordinal);
        Install(ToolId.Parse("dev.kami.ECHO"), force: true);
    }

    private InstalledTool Install(ToolId id, bool force = false)
    {
        var manifest = TestPackages.Manifest().Replace("id = \"dev.kami.echo\"", $"id = \"{id}\"", StringComparison.Ordinal);
        var package = TestPackages.Directory(_f.Scratch, "pkg-" + Guid.NewGuid().ToString("n")[..8],
            ("tool.toml", TestPackages.Text(manifest)), ("echo.wasm", TestPackages.EchoWasm));
        return _f.Installer.Install(package, new InstallOptions(force)).Tool;
    }
}
