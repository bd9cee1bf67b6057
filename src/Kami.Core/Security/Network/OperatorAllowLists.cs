namespace Kami.Core.Security.Network;

/// <summary>
/// The operator's <c>[net_allow_list]</c> overrides: per tool id, a list its declared <c>net_allow_list</c> is narrowed
/// to (intersected with, see <see cref="AllowListNarrowing"/>). A tool without an override keeps its own list.
/// </summary>
public sealed class OperatorAllowLists : IEquatable<OperatorAllowLists>
{
    private readonly Dictionary<string, IReadOnlyList<AllowListEntry>> _byTool = new(StringComparer.Ordinal);

    /// <summary>No overrides: every tool keeps its declared list.</summary>
    public static OperatorAllowLists None { get; } = new();

    /// <summary>Builds the table; a tool listed twice keeps its last list.</summary>
    public static OperatorAllowLists From(IEnumerable<(string ToolId, IReadOnlyList<AllowListEntry> Entries)> rows)
    {
        var lists = new OperatorAllowLists();
        foreach (var (tool, entries) in rows) lists._byTool[tool] = entries;
        return lists;
    }

    /// <summary>The tools with an override, sorted.</summary>
    public IReadOnlyList<string> Tools => [.. _byTool.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The narrowed list of <paramref name="toolId"/>, or null when the operator did not override it.</summary>
    public NarrowedAllowList? Narrow(string? toolId, IReadOnlyList<string> declared) =>
        toolId is not null && _byTool.TryGetValue(toolId, out var entries) ? AllowListNarrowing.Narrow(declared, entries) : null;

    /// <summary>The matcher a call of <paramref name="toolId"/> is checked against: its declared list, narrowed when overridden.</summary>
    public HostAllowList Matcher(string? toolId, IReadOnlyList<string> declared) =>
        Narrow(toolId, declared) is { } narrowed ? HostAllowList.From(narrowed.Effective, narrowedByOperator: true) : HostAllowList.From(declared);

    /// <summary>Same tools with the same entries (options built from the same settings compare equal).</summary>
    public bool Equals(OperatorAllowLists? other) =>
        other is not null && _byTool.Count == other._byTool.Count
        && _byTool.All(t => other._byTool.TryGetValue(t.Key, out var entries) && entries.SequenceEqual(t.Value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OperatorAllowLists);

    /// <inheritdoc />
    public override int GetHashCode() => _byTool.Count;
}
