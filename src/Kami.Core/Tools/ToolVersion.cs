using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Kami.Core.Tools;

/// <summary>A Semantic Versioning 2.0.0 version, ordered by SemVer precedence (build metadata ignored).</summary>
public sealed partial class ToolVersion : IComparable<ToolVersion>, IEquatable<ToolVersion>
{
    private ToolVersion(ulong major, ulong minor, ulong patch, string[] preRelease, string? build)
    {
        Major = major; Minor = minor; Patch = patch; PreRelease = preRelease; Build = build;
    }

    /// <summary>The major version: a change here means incompatible changes.</summary>
    public ulong Major { get; }
    /// <summary>The minor version: compatible additions.</summary>
    public ulong Minor { get; }
    /// <summary>The patch version: compatible fixes.</summary>
    public ulong Patch { get; }
    /// <summary>The dot-separated pre-release identifiers (<c>beta</c>, <c>1</c> in <c>1.2.0-beta.1</c>); empty for a release.</summary>
    public IReadOnlyList<string> PreRelease { get; }
    /// <summary>The build metadata after <c>+</c>, or null; kept for display but ignored by comparison and equality.</summary>
    public string? Build { get; }
    /// <summary>Whether this is a pre-release, which ranks below the release of the same core version.</summary>
    public bool IsPreRelease => PreRelease.Count > 0;

    // The official SemVer 2.0 regular expression (semver.org), anchored.
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SemVerPattern();

    /// <summary>Parses a SemVer version; throws <see cref="Errors.KamiException"/> (<see cref="Errors.ErrorKind.InvalidInput"/>) when it is not one.</summary>
    public static ToolVersion Parse(string? text) =>
        TryParse(text, out var v, out var error) ? v : throw new Errors.KamiException(Errors.ErrorKind.InvalidInput, error);

    /// <summary>Parses a SemVer version (at most 256 characters); when it is not one, returns false with <paramref name="error"/> saying why.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ToolVersion? version, [NotNullWhen(false)] out string? error)
    {
        version = null;
        if (string.IsNullOrEmpty(text) || text.Length > 256)
        {
            error = "version is empty or too long; use semantic versioning such as 1.0.0";
            return false;
        }
        var match = SemVerPattern().Match(text);
        if (!match.Success
            || !ulong.TryParse(match.Groups[1].Value, out var major)
            || !ulong.TryParse(match.Groups[2].Value, out var minor)
            || !ulong.TryParse(match.Groups[3].Value, out var patch))
        {
            error = $"version '{text}' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0 or 1.2.0-beta.1)";
            return false;
        }
        var pre = match.Groups[4].Success ? match.Groups[4].Value.Split('.') : [];
        version = new ToolVersion(major, minor, patch, pre, match.Groups[5].Success ? match.Groups[5].Value : null);
        error = null;
        return true;
    }

    /// <summary>Orders by SemVer precedence (build metadata ignored); null sorts first.</summary>
    public int CompareTo(ToolVersion? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        // A version without pre-release identifiers ranks above any pre-release of the same core version.
        if (PreRelease.Count == 0 || other.PreRelease.Count == 0)
            return PreRelease.Count == other.PreRelease.Count ? 0 : PreRelease.Count == 0 ? 1 : -1;
        for (var i = 0; i < Math.Min(PreRelease.Count, other.PreRelease.Count); i++)
        {
            c = ComparePreReleaseIdentifier(PreRelease[i], other.PreRelease[i]);
            if (c != 0) return c;
        }
        return PreRelease.Count.CompareTo(other.PreRelease.Count);
    }

    private static int ComparePreReleaseIdentifier(string a, string b)
    {
        var aNumeric = ulong.TryParse(a, out var an);
        var bNumeric = ulong.TryParse(b, out var bn);
        if (aNumeric && bNumeric) return an.CompareTo(bn);
        if (aNumeric) return -1;
        if (bNumeric) return 1;
        return string.CompareOrdinal(a, b);
    }

    /// <summary>Equal precedence: versions differing only in build metadata are equal.</summary>
    public bool Equals(ToolVersion? other) => other is not null && CompareTo(other) == 0;
    /// <summary>Whether <paramref name="obj"/> is a <see cref="ToolVersion"/> of equal precedence.</summary>
    public override bool Equals(object? obj) => obj is ToolVersion v && Equals(v);
    /// <summary>Ignores build metadata, like <see cref="Equals(ToolVersion)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, string.Join('.', PreRelease));

    /// <summary>The version in SemVer form, build metadata included.</summary>
    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (IsPreRelease ? "-" + string.Join('.', PreRelease) : "") + (Build is null ? "" : "+" + Build);

    /// <summary>Whether <paramref name="a"/> has lower precedence than <paramref name="b"/>.</summary>
    public static bool operator <(ToolVersion a, ToolVersion b) => a.CompareTo(b) < 0;
    /// <summary>Whether <paramref name="a"/> has higher precedence than <paramref name="b"/>.</summary>
    public static bool operator >(ToolVersion a, ToolVersion b) => a.CompareTo(b) > 0;
    /// <summary>Whether <paramref name="a"/> does not have higher precedence than <paramref name="b"/>.</summary>
    public static bool operator <=(ToolVersion a, ToolVersion b) => a.CompareTo(b) <= 0;
    /// <summary>Whether <paramref name="a"/> does not have lower precedence than <paramref name="b"/>.</summary>
    public static bool operator >=(ToolVersion a, ToolVersion b) => a.CompareTo(b) >= 0;
    /// <summary>Whether both are null or of equal precedence (build metadata ignored).</summary>
    public static bool operator ==(ToolVersion? a, ToolVersion? b) => a is null ? b is null : a.Equals(b);
    /// <summary>The negation of <c>==</c>.</summary>
    public static bool operator !=(ToolVersion? a, ToolVersion? b) => !(a == b);
}
