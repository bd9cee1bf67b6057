using System.Diagnostics.CodeAnalysis;

namespace Kami.Core.Tools;

/// <summary>
/// A tool's identity in reverse-domain form (<c>dev.kami.hash-compute</c>). It doubles as an MCP tool name
/// and a directory name, so it is held to the intersection of both: ASCII letters, digits, '_' and '-'
/// in dot-separated segments that each start with a letter or digit, at least two segments, 1-128 characters.
/// That rules out '/', '\', "..", leading dots and anything a shell or file system would reinterpret.
/// </summary>
public sealed class ToolId : IEquatable<ToolId>, IComparable<ToolId>
{
    /// <summary>The longest id allowed, in characters.</summary>
    public const int MaxLength = 128;

    private ToolId(string value) => Value = value;

    /// <summary>The id as written (its case kept, though ids compare ignoring case).</summary>
    public string Value { get; }

    /// <summary>Parses an id; throws <see cref="Errors.KamiException"/> (<see cref="Errors.ErrorKind.InvalidInput"/>) saying what is wrong with it.</summary>
    public static ToolId Parse(string? text) =>
        TryParse(text, out var id, out var error) ? id : throw new Errors.KamiException(Errors.ErrorKind.InvalidInput, error);

    /// <summary>Parses an id; when it is not valid, returns false with <paramref name="error"/> saying why, in words for the user.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ToolId? id, [NotNullWhen(false)] out string? error)
    {
        id = null;
        error = Validate(text);
        if (error is not null) return false;
        id = new ToolId(text!);
        return true;
    }

    private static string? Validate(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "tool id is empty; use reverse-domain form such as dev.example.my-tool";
        if (text.Length > MaxLength) return $"tool id '{Shorten(text)}' is {text.Length} characters; at most {MaxLength} are allowed";
        var segments = text.Split('.');
        if (segments.Length < 2) return $"tool id '{text}' needs at least one dot (reverse-domain form such as dev.example.{text})";
        foreach (var segment in segments)
        {
            if (segment.Length == 0) return $"tool id '{text}' has an empty segment (a leading, trailing or doubled dot)";
            if (!char.IsAsciiLetterOrDigit(segment[0])) return $"tool id '{text}': each dot-separated part must start with a letter or digit";
            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                    return $"tool id '{Shorten(text)}' contains '{Printable(c)}'; only letters, digits, '-', '_' and '.' are allowed";
            }
        }
        return null;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:x4}" : c.ToString();

    // Ids compare case-insensitively: two tools differing only in case would share a directory on some file systems.
    /// <summary>Whether both name the same tool, ignoring case.</summary>
    public bool Equals(ToolId? other) => other is not null && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);
    /// <summary>Whether <paramref name="obj"/> is a <see cref="ToolId"/> naming the same tool, ignoring case.</summary>
    public override bool Equals(object? obj) => obj is ToolId other && Equals(other);
    /// <summary>Ignores case, like <see cref="Equals(ToolId)"/>.</summary>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);
    /// <summary>Orders ids ordinally ignoring case; null sorts first.</summary>
    public int CompareTo(ToolId? other) => string.Compare(Value, other?.Value, StringComparison.OrdinalIgnoreCase);
    /// <summary>The id as written (<see cref="Value"/>).</summary>
    public override string ToString() => Value;

    /// <summary>Whether both are null or name the same tool, ignoring case.</summary>
    public static bool operator ==(ToolId? a, ToolId? b) => a is null ? b is null : a.Equals(b);
    /// <summary>The negation of <c>==</c>.</summary>
    public static bool operator !=(ToolId? a, ToolId? b) => !(a == b);
}
