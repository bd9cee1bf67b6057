namespace Kami.Cli.Configuration;

/// <summary>
/// One top-level setting as <see cref="SettingTable"/> lists it: the key config.toml uses, the value it has when no
/// layer sets it (null: none), and what it means, written as README.md's settings table writes it.
/// </summary>
internal sealed record Setting(string Key, string? Default, string Meaning)
{
    /// <summary>The environment variable that sets it: <c>KAMI_</c> and the key in capitals.</summary>
    public string EnvName => SettingTable.EnvPrefix + Key.ToUpperInvariant();

    /// <summary>How the documentation writes the default where the value itself would not do (it depends on the machine, or means "none").</summary>
    public string? DocumentedDefault { get; init; }

    /// <summary>The default as README.md's table shows it; "–" for none.</summary>
    public string DefaultText => DocumentedDefault ?? Default ?? "–";

    /// <summary>Whether <c>kami status</c> shows its value and source; false for a secret.</summary>
    public bool Shown { get; init; } = true;
}
