using Kami.Core.Hosting;
using Kami.Packaging.Install;
using Kami.Registry.Sqlite;

namespace Kami.Cli.Tests.Trust;

/// <summary>A registry and installer under a fresh home, for tests that drive Kami.Packaging directly.</summary>
internal sealed class TempRegistry(string scratch) : IDisposable
{
    public KamiPaths Paths { get; } = KamiPaths.ForHome(Path.Combine(scratch, "home-" + Guid.NewGuid().ToString("n")[..8]));

    public SqliteToolRegistry Registry => field ??= new SqliteToolRegistry(Paths.Database);

    public ToolInstaller Installer => new(Registry, Registry, Paths, TimeProvider.System);

    public void Dispose() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
