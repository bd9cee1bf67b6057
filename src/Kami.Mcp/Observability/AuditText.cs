using System.Globalization;
using System.Text;

namespace Kami.Mcp.Observability;

/// <summary>
/// Bounds the text an audit record stores. A guest error can be megabytes; the audit log keeps its first KiB, cut
/// between characters (never inside one) and marked as cut with the whole size, so the registry stays small.
/// </summary>
internal static class AuditText
{
    public const int MaxErrorBytes = 1024;

    /// <summary>The text itself when it fits in <paramref name="maxBytes"/> UTF-8 bytes; else a prefix plus a mark, together within the bound.</summary>
    public static string? Bound(string? text, int maxBytes = MaxErrorBytes)
    {
        // Each char is at most 3 UTF-8 bytes (a surrogate pair is 4 for 2 chars), so short texts need no counting.
        if (text is null || text.Length * 3 <= maxBytes) return text;
        var total = Encoding.UTF8.GetByteCount(text);
        if (total <= maxBytes) return text;
        var mark = string.Create(CultureInfo.InvariantCulture, $"… [cut: {total:N0} bytes in all]");
        var budget = Math.Max(0, maxBytes - Encoding.UTF8.GetByteCount(mark));
        int bytes = 0, chars = 0;
        while (chars < text.Length)
        {
            // A lone surrogate decodes as U+FFFD, three bytes, as Encoding.UTF8 stores it.
            Rune.DecodeFromUtf16(text.AsSpan(chars), out var rune, out var used);
            if (bytes + rune.Utf8SequenceLength > budget) break;
            bytes += rune.Utf8SequenceLength;
            chars += used;
        }
        return string.Concat(text.AsSpan(0, chars), mark);
    }

    /// <summary>Roughly what a record holds in memory while it waits for its batch (UTF-16 strings plus the record).</summary>
    public static long SizeOf(Kami.Core.Registry.CallRecord call) =>
        128 + 2L * (call.ToolId.Length + (call.Error?.Length ?? 0) + (call.Arguments?.Length ?? 0) + call.Outcome.Length + call.Transport.Length)
        + AuditHttp.SizeOf(call.Http);
}
