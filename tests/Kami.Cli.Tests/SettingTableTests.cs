using Kami.Cli.Configuration;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>The settings table is the one owner of each setting: the loader layers over it and README.md's table is held to it.</summary>
public sealed class SettingTableTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Readme_SettingsTable_HasEveryRowOfSettingTable()
    {
        var rows = ReadmeSettingRows().Where(r => !r[0].StartsWith("`[", StringComparison.Ordinal));
        var readme = rows.Select(r => string.Join(" | ", Unquote(r[0]), Unquote(r[1]), Unquote(r[2]), r[3]));
        var table = SettingTable.All.Select(s => string.Join(" | ", s.Key, s.EnvName, s.DefaultText, s.Meaning));
        Assert.Equal(table, readme);
    }

    [Fact]
    public void Readme_SettingsTable_NamesTheTablesConfigTomlTakes()
    {
        var tables = ReadmeSettingRows().Select(r => r[0]).Where(key => key.StartsWith("`[", StringComparison.Ordinal)).ToList();
        Assert.Contains(tables, key => key.StartsWith($"`[{TomlConfigurationProvider.AllowListSection}]`", StringComparison.Ordinal));
        Assert.Contains(tables, key => key.StartsWith($"`[{TomlConfigurationProvider.CredentialsSection}.", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NothingSet_EverySettingHasTheTableDefault()
    {
        var home = _temp.Combine("home");
        var loader = SettingsLoader.Load(new Dictionary<string, string?> { [SettingKeys.Home] = home });
        foreach (var setting in SettingTable.All.Where(s => s.Key != SettingKeys.Home && Environment.GetEnvironmentVariable(s.EnvName) is null))
        {
            Assert.Equal(setting.Default, loader.ValueOf(setting.Key));
            Assert.Equal(setting.Default is null ? "unset" : "default", loader.SourceOf(setting.Key));
        }
    }

    /// <summary>The cells of each row of README.md's settings table (under "### Settings"), header and rule left out.</summary>
    private static List<string[]> ReadmeSettingRows()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        var start = Array.IndexOf(lines, "### Settings");
        Assert.True(start >= 0, "README.md has no ### Settings section");
        return [.. lines.Skip(start + 1)
            .TakeWhile(line => !line.StartsWith('#'))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())];
    }

    private static string Unquote(string cell) => cell.Replace("`", "", StringComparison.Ordinal);
}
