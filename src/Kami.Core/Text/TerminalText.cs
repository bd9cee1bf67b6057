using System.Globalization;
using System.Text;

namespace Kami.Core.Text;

/// <summary>
/// Makes text from a package, a guest or a config file safe to print on a terminal: control characters (ESC,
/// BEL, CR, newlines, C1 controls such as CSI) and the invisible bidirectional overrides that make text read
/// differently than it is are shown as <c>\xNN</c>/<c>\uNNNN</c> instead of reaching the terminal raw, so a
/// manifest cannot clear the screen, retitle the window or fake a line of KAMI's own output.
/// Every human (non-JSON) output path goes through here; JSON output escapes control characters itself.
/// </summary>
public static class TerminalText
{
    /// <summary>The text with unsafe characters escaped; unchanged when it has none, and empty for null.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!text.Any(IsUnsafe)) return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!IsUnsafe(c)) escaped.Append(c);
            else if (c <= 0xFF) escaped.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            else escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
        return escaped.ToString();
    }


    private static bool IsUnsafe(char c) =>
        char.IsControl(c) // C0, DEL and C1 (U+0080-U+009F, where 8-bit CSI lives)
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C'
        || c is '\u2028' or '\u2029';
}
