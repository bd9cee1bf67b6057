namespace Kami.Core.Registry;

/// <summary>Which tools to list: a case-insensitive substring of id, name or description, and/or only enabled ones.</summary>
public sealed record ToolQuery(string? Filter = null, bool EnabledOnly = false)
{
    /// <summary>Every installed tool, enabled or not.</summary>
    public static ToolQuery All { get; } = new();
}
