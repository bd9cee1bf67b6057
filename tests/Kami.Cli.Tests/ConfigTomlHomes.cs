using Kami.Cli.Configuration;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>Homes with a given config.toml, loaded as the CLI loads settings; each test class owns one and disposes it.</summary>
internal sealed class ConfigTomlHomes : IDisposable
{
    private readonly TempDirectory _temp = new();

    /// <summary>Loads settings from a new home whose config.toml holds <paramref name="configToml"/>.</summary>
    public SettingsLoader Load(string configToml)
    {
        var home = _temp.Combine("home-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "config.toml"), configToml);
        return SettingsLoader.Load(new Dictionary<string, string?> { [SettingKeys.Home] = home });
    }

    public void Dispose() => _temp.Dispose();
}
