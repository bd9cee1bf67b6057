using System.Text;
using Kami.Core.Text;

namespace Kami.Cli.Output;

/// <summary>
/// A table as aligned plain text, for long listings: Spectre measures the display width of every cell character
/// by character, which made <c>kami list</c> with 1,000 tools take a quarter of a second. Cells are escaped
/// (<see cref="TerminalText"/>) and padded by their length; the last column is not padded.
/// </summary>
internal static class PlainTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var cells = rows.Select(r => r.Select(TerminalText.Escape).ToArray()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        var line = new StringBuilder();
        void Emit(IReadOnlyList<string> row)
        {
            line.Clear();
            for (var i = 0; i < row.Count; i++)
            {
                if (i == row.Count - 1) line.Append(row[i]);
                else line.Append(row[i].PadRight(widths[i])).Append("  ");
            }
            output.WriteLine(line.ToString().TrimEnd());
        }
        Emit(headers);
        foreach (var row in cells) Emit(row);
    }
}
