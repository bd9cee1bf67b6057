namespace Kami.Core.Tools;

/// <summary>The JSON Schema types an MCP argument may declare in <c>[[mcp.arguments]]</c>.</summary>
public enum ArgumentType
{
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>Any JSON number, fractions included.</summary>
    Number,
    /// <summary>A whole JSON number that fits in 64 bits.</summary>
    Integer,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A JSON object, its properties not described further.</summary>
    Object,
    /// <summary>A JSON array, its items not described further.</summary>
    Array,
}

/// <summary>The JSON Schema names of <see cref="ArgumentType"/>, as written in <c>tool.toml</c> and in tool input schemas.</summary>
public static class ArgumentTypes
{
    /// <summary>Every accepted name, in <see cref="ArgumentType"/> order.</summary>
    public static readonly IReadOnlyList<string> Names = ["string", "number", "integer", "boolean", "object", "array"];

    /// <summary>Reads a schema type name (exact, lowercase); false for anything else, with <paramref name="type"/> left at <see cref="ArgumentType.String"/>.</summary>
    public static bool TryParse(string text, out ArgumentType type)
    {
        var index = Names.ToList().IndexOf(text);
        type = index < 0 ? default : (ArgumentType)index;
        return index >= 0;
    }

    /// <summary>The JSON Schema name of this type, such as <c>integer</c>.</summary>
    public static string ToSchemaName(this ArgumentType type) => Names[(int)type];
}
