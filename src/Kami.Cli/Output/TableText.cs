using Kami.Core.Text;

namespace Kami.Cli.Output;

/// <summary>Text for a Spectre table cell: control characters escaped (<see cref="TerminalText"/>), then markup.</summary>
internal static class TableText
{
    public static string Cell(string? text) => Spectre.Console.Markup.Escape(TerminalText.Escape(text));
}
