using Kami.Core.Hosting;
using Kami.Core.Registry;

namespace Kami.Packaging.Install;

/// <summary>
/// Removes what an interrupted install or uninstall left behind: staging directories and install
/// directories no registry row points at. Only entries older than a grace period are touched, so an
/// install running in another process right now is left alone.
/// </summary>
internal static class InstallSweeper
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromMinutes(10);

    public static int Sweep(KamiPaths paths, IToolRegistry registry, TimeProvider time)
    {
        if (!Directory.Exists(paths.Tools)) return 0;
        var cutoff = time.GetUtcNow().UtcDateTime - GracePeriod;
        var removed = 0;
        if (Directory.Exists(paths.Staging))
        {
            foreach (var dir in Directory.GetDirectories(paths.Staging).Where(d => Directory.GetLastWriteTimeUtc(d) < cutoff))
            {
                ToolInstaller.TryDelete(dir);
                removed++;
            }
        }

        var referenced = registry.ReferencedInstallPaths().Select(Path.GetFullPath).ToHashSet();
        foreach (var idDir in Directory.GetDirectories(paths.Tools).Where(d => Path.GetFileName(d) != ".staging"))
        {
            foreach (var versionDir in Directory.GetDirectories(idDir))
            {
                foreach (var installDir in Directory.GetDirectories(versionDir))
                {
                    if (referenced.Contains(Path.GetFullPath(installDir)) || Directory.GetLastWriteTimeUtc(installDir) >= cutoff) continue;
                    ToolInstaller.TryDelete(installDir);
                    removed++;
                }
                DeleteIfEmpty(versionDir);
            }
            DeleteIfEmpty(idDir);
        }
        return removed;
    }

    private static void DeleteIfEmpty(string directory)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
