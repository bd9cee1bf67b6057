using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Core.Identity;

/// <summary>
/// Which tools a caller may use: an exact tool id (<c>dev.acme.search</c>), a prefix ending in <c>.*</c>
/// (<c>dev.kami.*</c>: every id that starts with <c>dev.kami.</c>), or <c>*</c> (every tool). Ids compare ignoring
/// case, as <see cref="ToolId"/> does. No other wildcard is allowed, so what a pattern grants can be read at a glance.
/// </summary>
public sealed record ToolPattern
{
    private ToolPattern(string text, string? prefix)
    {
        Text = text;
        _prefix = prefix;
    }

    private readonly string? _prefix;

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Every tool.</summary>
    public static ToolPattern All { get; } = new("*", "");

    /// <summary>Whether the pattern grants <paramref name="toolId"/>.</summary>
    public bool Matches(string toolId) => _prefix is null
        ? string.Equals(Text, toolId, StringComparison.OrdinalIgnoreCase)
        : toolId.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses one pattern; throws <see cref="KamiException"/> (<see cref="ErrorKind.InvalidInput"/>) saying what is wrong.</summary>
    public static ToolPattern Parse(string text)
    {
        var value = text.Trim();
        if (value == "*") return All;
        if (value.EndsWith(".*", StringComparison.Ordinal))
        {
            var stem = value[..^2];
            // The stem must read as the start of an id: one segment (`dev.*`) or more (`dev.kami.*`).
            if (stem.Length > 0 && !stem.Contains('*', StringComparison.Ordinal) && (ToolId.TryParse(stem, out _, out _) || ToolId.TryParse(stem + ".x", out _, out _)))
                return new ToolPattern(value, stem + ".");
        }
        else if (!value.Contains('*', StringComparison.Ordinal))
        {
            return ToolId.TryParse(value, out _, out var error)
                ? new ToolPattern(value, null)
                : throw new KamiException(ErrorKind.InvalidInput, $"tool pattern '{value}': {error}");
        }
        throw new KamiException(ErrorKind.InvalidInput,
            $"tool pattern '{value}' is not a tool id, a prefix ending in '.*' (e.g. dev.kami.*) or '*'");
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
