namespace Kami.Core.Tools;

/// <summary>The JSON Schema types an MCP argument may declare in <c>[[mcp.arguments]]</c>.</summary>
public enum ArgumentType { String, Number, Integer, Boolean, Object, Array }

public static class ArgumentTypes
{
    public static readonly IReadOnlyList<string> Names = ["string", "number", "integer", "boolean", "object", "array"];

    public static bool TryParse(string text, out ArgumentType type)
    {
        var index = Names.ToList().IndexOf(text);
        type = index < 0 ? default : (ArgumentType)index;
        return index >= 0;
    }

    public static string ToSchemaName(this ArgumentType type) => Names[(int)type];
}
