using Kami.Core.Registry;
using Kami.Registry.Contract.Tests;

namespace Kami.Registry.Sqlite.Tests;

/// <summary>Builds InstalledTool records without touching the file system.</summary>
internal static class Tools
{
    public static InstalledTool Make(string id, string version = "1.0.0", string description = "A tool", string? name = null, bool enabled = true)
    {
        var manifest = SampleManifests.Full(id, version, description, name);
        return new InstalledTool(manifest, new string('a', 64), "/kami/tools/" + id + "/" + version + "/aaaaaaaaaaaaaaaa", enabled,
            new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "/src/" + id);
    }
}
