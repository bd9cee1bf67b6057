using Kami.Core.Errors;

namespace Kami.Core.Identity;

/// <summary>The tools a caller may see and call: the union of its patterns. A caller with none may use no tool.</summary>
public sealed record ToolAccess
{
    private ToolAccess(IReadOnlyList<ToolPattern> patterns) => Patterns = patterns;

    /// <summary>The patterns, in the order given, without duplicates.</summary>
    public IReadOnlyList<ToolPattern> Patterns { get; }

    /// <summary>Every tool (the operator's access).</summary>
    public static ToolAccess All { get; } = new([ToolPattern.All]);

    /// <summary>No tool.</summary>
    public static ToolAccess None { get; } = new([]);

    /// <summary>Whether <paramref name="toolId"/> is granted.</summary>
    public bool Allows(string toolId)
    {
        foreach (var pattern in Patterns)
            if (pattern.Matches(toolId)) return true;
        return false;
    }

    /// <summary>The union of both.</summary>
    public ToolAccess Union(ToolAccess other) => new([.. Patterns.Concat(other.Patterns).DistinctBy(p => p.Text, StringComparer.OrdinalIgnoreCase)]);

    /// <summary>Reads comma- or whitespace-separated patterns (<c>dev.kami.*,dev.acme.search</c>); at least one is required.</summary>
    public static ToolAccess Parse(string? text)
    {
        var parts = (text ?? "").Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new KamiException(ErrorKind.InvalidInput, "--tools needs at least one pattern: a tool id, a prefix such as dev.kami.*, or * for every tool");
        return Of(parts.Select(ToolPattern.Parse));
    }

    /// <summary>The patterns given, without duplicates.</summary>
    public static ToolAccess Of(IEnumerable<ToolPattern> patterns) => new([.. patterns.DistinctBy(p => p.Text, StringComparer.OrdinalIgnoreCase)]);

    /// <summary>The patterns joined with commas, as <see cref="Parse"/> reads them.</summary>
    public override string ToString() => string.Join(",", Patterns.Select(p => p.Text));

    /// <inheritdoc/>
    public bool Equals(ToolAccess? other) => other is not null && ToString().Equals(other.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());
}
