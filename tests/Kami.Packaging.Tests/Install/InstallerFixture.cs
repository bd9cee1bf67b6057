using Kami.Core.Hosting;
using Kami.Core.Registry;
using Kami.Core.Tools;
using Kami.Packaging.Install;
using Kami.Registry.Sqlite;
using Kami.TestCommon;

namespace Kami.Packaging.Tests.Install;

/// <summary>A temp KAMI home with a real SQLite registry and an installer on a hand-moved clock.</summary>
internal sealed class InstallerFixture : IDisposable
{
    public static readonly ToolId EchoId = ToolId.Parse("dev.kami.echo");

    private readonly TempDirectory _temp = new();

    public InstallerFixture()
    {
        Paths = KamiPaths.ForHome(_temp.Combine("home"));
        Registry = new SqliteToolRegistry(Paths.Database);
        Installer = new ToolInstaller(Registry, Registry, Paths, Time);
    }

    public KamiPaths Paths { get; }
    public SqliteToolRegistry Registry { get; }
    public ManualTimeProvider Time { get; } = new();
    public ToolInstaller Installer { get; }
    public string Scratch => _temp.Path;

    public InstalledTool Install(string version, string tag, bool force = false, bool allowDowngrade = false) =>
        Installer.Install(Packages.TestPackages.EchoCopy(Scratch, version, Packages.TestPackages.EchoWasmTagged(tag)), new InstallOptions(force) { AllowDowngrade = allowDowngrade }).Tool;

    /// <summary>Every content-addressed install directory (tools/&lt;id&gt;/&lt;version&gt;/&lt;sha&gt;) on disk.</summary>
    public IReadOnlyList<string> InstallDirectories() =>
        Directory.Exists(Paths.Tools)
            ? Directory.GetDirectories(Paths.Tools).Where(d => Path.GetFileName(d) != ".staging")
                .SelectMany(Directory.GetDirectories).SelectMany(Directory.GetDirectories).Order().ToList()
            : [];

    /// <summary>The registry row, when there is one, points at complete files whose hash matches.</summary>
    public void AssertRowIsConsistent()
    {
        var tool = Registry.Find(EchoId);
        if (tool is null) return;
        Assert.True(File.Exists(tool.WasmFile), $"row points at missing {tool.WasmFile}");
        Assert.True(File.Exists(Path.Combine(tool.InstallPath, "tool.toml")));
        Assert.Equal(tool.WasmSha256, Kami.Core.Security.IntegrityHash.OfFile(tool.WasmFile));
    }

    public void Dispose() => _temp.Dispose();
}
