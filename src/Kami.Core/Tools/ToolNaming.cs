using System.Security.Cryptography;
using System.Text;
using Kami.Core.Errors;

namespace Kami.Core.Tools;

/// <summary>
/// Maps tool ids to MCP tool names, so that two installed tools never share a name in either style.
/// <para>
/// The underscore style is reversible: '_' becomes "__" and '.' becomes '_' (<c>dev.kami.hash-compute</c> is
/// <c>dev_kami_hash-compute</c>). A name that would pass 64 characters keeps a prefix, then the marker "_-", then
/// 16 hex characters of the id's SHA-256. The marker cannot occur in a name that was not shortened: in those, a run
/// of '_' followed by '-' stands only for '_' characters of the id (a '.' is always followed by a letter or digit,
/// since every segment of an id starts with one), so the run has an even length, and the marker's run has length 1.
/// Unshortened names are distinct because the mapping is reversible; shortened ones differ unless 64 bits of
/// SHA-256 collide, which install refuses anyway (<see cref="FindCollision(ToolId, IEnumerable{ToolId})"/>).
/// </para>
/// </summary>
public static class ToolNaming
{
    /// <summary>The longest name the underscore style produces, the limit of the function-calling APIs.</summary>
    public const int MaxUnderscoreNameLength = 64;
    /// <summary>What separates the kept prefix from the hash in a shortened underscore name.</summary>
    public const string ShortenedMarker = "_-";
    private const int HashChars = 16;

    /// <summary>The names of the <see cref="ToolNameStyle"/> values, in their order, as <c>tool_names</c> and <c>--tool-names</c> take them.</summary>
    public static readonly IReadOnlyList<string> StyleNames = ["id", "underscore"];

    /// <summary>The name <c>tool_names</c> gives <paramref name="style"/>, such as <c>underscore</c>.</summary>
    public static string StyleName(ToolNameStyle style) => StyleNames[(int)style];

    /// <summary>Reads a <c>tool_names</c> value (a name in <see cref="StyleNames"/>, any case; empty means <c>id</c>); false for anything else.</summary>
    public static bool TryParseStyle(string text, out ToolNameStyle style)
    {
        var name = text.Trim();
        var index = name.Length == 0 ? 0 : StyleNames.ToList().FindIndex(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
        style = index < 0 ? default : (ToolNameStyle)index;
        return index >= 0;
    }

    /// <summary>Reads the <c>tool_names</c> setting as <see cref="TryParseStyle"/> does; throws <see cref="KamiException"/> (<see cref="ErrorKind.InvalidInput"/>) for anything else.</summary>
    public static ToolNameStyle ParseStyle(string text) => TryParseStyle(text, out var style) ? style
        : throw new KamiException(ErrorKind.InvalidInput, $"tool_names = \"{text}\" is not one of {string.Join(", ", StyleNames)}");

    /// <summary>The MCP tool name <paramref name="id"/> is served under in <paramref name="style"/>.</summary>
    public static string NameOf(ToolId id, ToolNameStyle style)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (style == ToolNameStyle.Id) return id.Value;
        var name = id.Value.Replace("_", "__", StringComparison.Ordinal).Replace('.', '_');
        if (name.Length <= MaxUnderscoreNameLength) return name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id.Value)))[..HashChars];
        // Trailing '_' are dropped so that the marker's run of '_' is exactly one long, whatever the prefix ends with.
        var prefix = name[..(MaxUnderscoreNameLength - ShortenedMarker.Length - HashChars)].TrimEnd('_');
        return prefix + ShortenedMarker + hash;
    }

    /// <summary>Whether a name is the prefix-and-hash form, which <see cref="IdOf"/> cannot reverse.</summary>
    public static bool IsShortened(string underscoreName)
    {
        ArgumentNullException.ThrowIfNull(underscoreName);
        var marker = underscoreName.Length - HashChars - ShortenedMarker.Length;
        return marker > 0 && underscoreName[marker - 1] != '_'
            && underscoreName.AsSpan(marker, ShortenedMarker.Length).SequenceEqual(ShortenedMarker);
    }

    /// <summary>The id an unshortened underscore name stands for (not for shortened names: see <see cref="IsShortened"/>).</summary>
    public static string IdOf(string underscoreName)
    {
        ArgumentNullException.ThrowIfNull(underscoreName);
        var builder = new StringBuilder(underscoreName.Length);
        for (var i = 0; i < underscoreName.Length; i++)
        {
            if (underscoreName[i] != '_') builder.Append(underscoreName[i]);
            else if (i + 1 < underscoreName.Length && underscoreName[i + 1] == '_') { builder.Append('_'); i++; }
            else builder.Append('.');
        }
        return builder.ToString();
    }

    /// <summary>
    /// The installed tool whose served name equals the candidate's in either style, or null. The candidate's own id
    /// (a reinstall or upgrade, compared as ids are: ignoring case) is not a collision.
    /// </summary>
    public static ToolNameCollision? FindCollision(ToolId candidate, IEnumerable<ToolId> installed) => FindCollision(candidate, installed, NameOf);

    /// <summary><see cref="FindCollision(ToolId, IEnumerable{ToolId})"/> under any naming (tests give it one that collides).</summary>
    internal static ToolNameCollision? FindCollision(ToolId candidate, IEnumerable<ToolId> installed, Func<ToolId, ToolNameStyle, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(installed);
        foreach (var other in installed)
        {
            if (other == candidate) continue;
            foreach (var style in Styles)
            {
                var name = nameOf(candidate, style);
                if (string.Equals(name, nameOf(other, style), StringComparison.OrdinalIgnoreCase))
                    return new ToolNameCollision(candidate, other, style, name);
            }
        }
        return null;
    }

    private static readonly ToolNameStyle[] Styles = [ToolNameStyle.Id, ToolNameStyle.Underscore];
}
