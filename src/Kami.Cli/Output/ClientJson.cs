namespace Kami.Cli.Output;

/// <summary>A named client in <c>kami client list --json</c>, and with its new token in <c>kami client add/rotate --json</c> (the only time it is shown).</summary>
internal sealed record ClientJson(string Name, IReadOnlyList<string> Tools, long? CallsPerMinute, long? FuelPerDay, DateTimeOffset CreatedAt,
    string? Token = null);
