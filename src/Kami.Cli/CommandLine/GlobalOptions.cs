using System.CommandLine;

namespace Kami.Cli.CommandLine;

/// <summary>Options every command accepts (they override config.toml and KAMI_* variables).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Home { get; } = new("--home") { Description = "KAMI's home directory (default ~/.kami; env KAMI_HOME)", Recursive = true };
    public Option<string?> Database { get; } = new("--db") { Description = "Registry database file, or a postgresql:// URI a fleet shares (default <home>/registry.db; env KAMI_DB)", Recursive = true };
    public Option<bool> Json { get; } = new("--json") { Description = "Machine-readable JSON output", Recursive = true };
}
