using Kami.Core.Tools;

namespace Kami.Core.Hosting;

/// <summary>Where KAMI keeps things under its home directory (default <c>~/.kami</c>).</summary>
public sealed record KamiPaths(string Home, string Database)
{
    public static KamiPaths ForHome(string home, string? database = null)
    {
        var full = Path.GetFullPath(home);
        return new KamiPaths(full, Path.GetFullPath(database ?? Path.Combine(full, "registry.db")));
    }

    public string Tools => Path.Combine(Home, "tools");
    public string Staging => Path.Combine(Tools, ".staging");
    public string Data => Path.Combine(Home, "data");
    public string ConfigFile => Path.Combine(Home, "config.toml");

    /// <summary>Compiled components kept between processes (see the runtime's compiled cache).</summary>
    public string Cache => Path.Combine(Home, "cache");

    public string InstallDirectory(ToolId id, ToolVersion version, string wasmSha256) =>
        Path.Combine(Tools, id.Value, version.ToString(), wasmSha256[..16]);

    /// <summary>The one directory a tool with read-only or sandbox file access may see.</summary>
    public string DataDirectory(ToolId id) => Path.Combine(Data, id.Value);
}
