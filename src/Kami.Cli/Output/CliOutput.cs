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
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!isTerminal) Console.Profile.Width = 160;
    }

    public TextWriter Out { get; }
    public TextWriter Err { get; }
    public IAnsiConsole Console { get; }

    public void Json<T>(T value, JsonTypeInfo<T> type) => Out.WriteLine(JsonSerializer.Serialize(value, type));

    public void Line(string text) => Out.WriteLine(text);

    public void Note(string text) => Err.WriteLine(text);
}
