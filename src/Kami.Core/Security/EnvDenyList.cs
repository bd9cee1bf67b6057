namespace Kami.Core.Security;

/// <summary>
/// Host environment variables no tool is ever given, whatever its <c>env_allow_list</c> says: KAMI's own
/// (<c>KAMI_*</c>, such as the server's token) and any the operator lists (<c>env_deny_list</c>). Names are
/// compared ignoring case, so a denial cannot be side-stepped by spelling; denying too much is the safe side.
/// </summary>
public sealed record EnvDenyList
{
    /// <summary>Variables starting with this (any case) are KAMI's own and always denied.</summary>
    public const string ReservedPrefix = "KAMI_";

    /// <summary>Denies <paramref name="names"/> (empty ones dropped, duplicates ignoring case removed) in addition to KAMI's own.</summary>
    public EnvDenyList(IEnumerable<string> names) => Names = [.. names.Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Only KAMI's own variables.</summary>
    public static EnvDenyList KamiOnly { get; } = new([]);

    /// <summary>The operator's names (KAMI's own are always denied as well).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether a tool must never be given the variable <paramref name="name"/>, compared ignoring case.</summary>
    public bool Denies(string name) =>
        name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase) || Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Why a name is withheld, in words for the operator.</summary>
    public string Reason(string name) =>
        name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase) ? "KAMI_* variables are KAMI's own" : "it is in env_deny_list";

    /// <summary>Same names in the same order, ignoring case.</summary>
    public bool Equals(EnvDenyList? other) => other is not null && Names.SequenceEqual(other.Names, StringComparer.OrdinalIgnoreCase);

    /// <summary>Consistent with <see cref="Equals(EnvDenyList)"/> (the number of names).</summary>
    public override int GetHashCode() => Names.Count;
}
