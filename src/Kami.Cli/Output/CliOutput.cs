using Kami.Core.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace Kami.Cli.Output;

/// <summary>
/// Where a command writes: human output (Spectre tables, colour only on a terminal) or JSON for scripts.
/// Injected writers let tests capture everything.
/// </summary>
internal sealed class CliOutput
{
    public CliOutput(TextWriter output, TextWriter error, bool isTerminal)
    {
        Out = output;
        Err = error;
        IsTerminal = isTerminal;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!isTerminal) Console.Profile.Width = 160;
    }

    public bool IsTerminal { get; }
    public TextWriter Out { get; }
    public TextWriter Err { get; }
    public IAnsiConsole Console { get; }

    public void Json<T>(T value, JsonTypeInfo<T> type) => Out.WriteLine(JsonSerializer.Serialize(value, type));

    /// <summary>A JSON document KAMI wrote itself (its strings are escaped by the serializer): written as it is, newlines included.</summary>
    public void JsonText(string json) => Out.WriteLine(json);

    /// <summary>A line of human output on stdout, with control characters escaped (<see cref="TerminalText"/>).</summary>
    public void Line(string text) => Out.WriteLine(TerminalText.Escape(text));

    /// <summary>A line of human output on stderr, escaped like <see cref="Line"/>.</summary>
    public void Note(string text) => Err.WriteLine(TerminalText.Escape(text));

    public void Error(string message) => Note("error: " + message);

    public void Warning(string message) => Note("warning: " + message);

    /// <summary>
    /// A tool's result: the bytes as they are for a pipe or a file (it is the tool's data), escaped on a
    /// terminal, where a guest's output must not drive the operator's screen.
    /// </summary>
    public void Data(string text) => Out.WriteLine(IsTerminal ? TerminalText.Escape(text) : text);
}
