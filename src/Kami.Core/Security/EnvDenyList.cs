namespace Kami.Core.Security;

/// <summary>
/// Host environment variables no tool is ever given, whatever its <c>env_allow_list</c> says: KAMI's own
/// (<c>KAMI_*</c>, such as the server's token) and any the operator lists (<c>env_deny_list</c>). Names are
/// compared ignoring case, so a denial cannot be side-stepped by spelling; denying too much is the safe side.
/// </summary>
public sealed record EnvDenyList
{
    public const string ReservedPrefix = "KAMI_";

    public EnvDenyList(IEnumerable<string> names) => Names = [.. names.Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Only KAMI's own variables.</summary>
    public static EnvDenyList KamiOnly { get; } = new([]);

    /// <summary>The operator's names (KAMI's own are always denied as well).</summary>
    public IReadOnlyList<string> Names { get; }

    public bool Denies(string name) =>
        name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase) || Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Why a name is withheld, in words for the operator.</summary>
    public string Reason(string name) =>
        name.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase) ? "KAMI_* variables are KAMI's own" : "it is in env_deny_list";

    public bool Equals(EnvDenyList? other) => other is not null && Names.SequenceEqual(other.Names, StringComparer.OrdinalIgnoreCase);

    public override int GetHashCode() => Names.Count;
}
