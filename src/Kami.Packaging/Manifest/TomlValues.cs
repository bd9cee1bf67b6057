using Tomlyn.Syntax;

namespace Kami.Packaging.Manifest;

/// <summary>Reads typed values out of Tomlyn syntax nodes, describing what was found when the type is wrong.</summary>
internal static class TomlValues
{
    public static int LineOf(SyntaxNode node) => node.Span.Start.Line + 1;

    public static string KeyName(KeySyntax key) => key.ToString().Trim().Replace("\"", "", StringComparison.Ordinal);

    public static string Describe(ValueSyntax? value) => value switch
    {
        StringValueSyntax => "a string",
        IntegerValueSyntax => "an integer",
        FloatValueSyntax => "a float",
        BooleanValueSyntax => "a boolean",
        ArraySyntax => "an array",
        InlineTableSyntax => "a table",
        DateTimeValueSyntax => "a date-time",
        _ => "nothing usable",
    };

    public static string Render(ValueSyntax? value) => value switch
    {
        StringValueSyntax s => "\"" + s.Value + "\"",
        null => "",
        _ => value.ToString()?.Trim() ?? "",
    };

    public static IEnumerable<ValueSyntax> Items(ArraySyntax array)
    {
        foreach (var item in array.Items)
        {
            if (item.Value is { } v) yield return v;
        }
    }
}
