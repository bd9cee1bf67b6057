using System.Security.Cryptography;
using System.Text;
using Kami.Core.Registry;
using Kami.Core.Tools;

namespace Kami.Registry.Contract.Tests;

/// <summary>
/// Builds InstalledTool records whose component exists under a tools directory, as an install leaves it: bytes
/// unique to the id and version, the pin their SHA-256, the directory <c>&lt;id&gt;/&lt;version&gt;/&lt;sha16&gt;</c>.
/// </summary>
internal sealed class ToolFiles(string toolsDirectory)
{
    public string Directory { get; } = toolsDirectory;

    public static byte[] Component(string id, string version) => Encoding.UTF8.GetBytes($"component of {id.ToLowerInvariant()} {version}");

    public InstalledTool Make(string id, string version = "1.0.0", string description = "A tool", string? name = null, bool enabled = true)
    {
        var manifest = SampleManifests.Full(id, version, description, name);
        var bytes = Component(id, version);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var installPath = Path.Combine(Directory, id, version, sha[..16]);
        System.IO.Directory.CreateDirectory(installPath);
        File.WriteAllBytes(Path.Combine(installPath, "tool.wasm"), bytes);
        return new InstalledTool(manifest, sha, installPath, enabled, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "/src/" + id);
    }
}
