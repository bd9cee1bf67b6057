using Kami.Core.Tools;

namespace Kami.Core.Hosting;

/// <summary>Where KAMI keeps things under its home directory (default <c>~/.kami</c>).</summary>
public sealed record KamiPaths(string Home, string Database)
{
    /// <summary>The layout under <paramref name="home"/>; the database is <c>registry.db</c> there unless <paramref name="database"/> names another file. Both paths are made absolute.</summary>
    public static KamiPaths ForHome(string home, string? database = null)
    {
        var full = Path.GetFullPath(home);
        return new KamiPaths(full, Path.GetFullPath(database ?? Path.Combine(full, "registry.db")));
    }

    /// <summary>Where installed tools live, one directory per id, version and component hash.</summary>
    public string Tools => Path.Combine(Home, "tools");
    /// <summary>Where an install is assembled before it is moved into place; leftovers here are from interrupted installs.</summary>
    public string Staging => Path.Combine(Tools, ".staging");
    /// <summary>The parent of every tool's data directory (see <see cref="DataDirectory"/>).</summary>
    public string Data => Path.Combine(Home, "data");
    /// <summary>The operator's settings file, <c>config.toml</c> in the home directory; it need not exist.</summary>
    public string ConfigFile => Path.Combine(Home, "config.toml");

    /// <summary>Compiled components kept between processes (see the runtime's compiled cache).</summary>
    public string Cache => Path.Combine(Home, "cache");

    /// <summary>Where this version of a tool is installed; the first 16 hex characters of <paramref name="wasmSha256"/> keep reinstalls of different builds apart.</summary>
    public string InstallDirectory(ToolId id, ToolVersion version, string wasmSha256) =>
        Path.Combine(Tools, id.Value, version.ToString(), wasmSha256[..16]);

    /// <summary>The one directory a tool with read-only or sandbox file access may see.</summary>
    public string DataDirectory(ToolId id) => Path.Combine(Data, id.Value);
}
