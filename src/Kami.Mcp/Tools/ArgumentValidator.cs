using System.Text.Json;
using Json.Schema;

namespace Kami.Mcp.Tools;

/// <summary>
/// Checks call arguments against a tool's input schema before any guest runs (the MCP SDK does not), and says
/// which argument is wrong and how, in words a model can act on.
/// </summary>
internal sealed class ArgumentValidator
{
    // Valid calls (nearly all) need only a yes/no; the detailed list is built only to explain a failure.
    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };
    private readonly JsonSchema _schema;
    private readonly JsonElement _schemaElement;

    public ArgumentValidator(JsonElement schema)
    {
        _schemaElement = schema;
        _schema = JsonSchema.Build(schema);
    }

    /// <summary>Returns null when the arguments are valid, otherwise every problem found, one per line.</summary>
    public string? Validate(JsonElement arguments)
    {
        if (_schema.Evaluate(arguments, Quick).IsValid) return null;
        var results = _schema.Evaluate(arguments, Options);
        var problems = new List<string>();
        foreach (var detail in Flatten(results))
        {
            if (detail.Errors is null) continue;
            foreach (var (keyword, message) in detail.Errors)
                problems.Add(Describe(KeywordOf(keyword, detail), message, detail.InstanceLocation.ToString(), arguments));
        }
        return problems.Count == 0 ? "the arguments do not match the tool's input schema" : string.Join("; ", problems.Distinct());
    }

    private string Describe(string keyword, string message, string location, JsonElement arguments)
    {
        var argument = location.TrimStart('/');
        switch (keyword)
        {
            case "required":
                var missing = RequiredNames().Where(name => arguments.ValueKind != JsonValueKind.Object || !arguments.TryGetProperty(name, out _));
                return $"missing required argument {string.Join(", ", missing.Select(m => $"'{m}'"))}";
            case "additionalProperties":
                return $"unknown argument '{argument}'; this tool accepts {string.Join(", ", PropertyNames().Select(p => $"'{p}'"))}";
            case "type" when argument.Length == 0:
                return "the arguments must be a JSON object";
            case "type":
                return $"argument '{argument}' must be {ExpectedType(argument)}, not {KindOf(arguments, argument)}";
            default:
                return argument.Length == 0 ? message : $"argument '{argument}': {message}";
        }
    }

    // A failed boolean subschema (additionalProperties: false) reports its error under the empty keyword, at the
    // evaluation path of the keyword that holds it (/additionalProperties).
    private static string KeywordOf(string keyword, EvaluationResults detail) =>
        keyword.Length > 0 ? keyword : detail.EvaluationPath.ToString().Split('/')[^1];

    private IEnumerable<string> RequiredNames() =>
        _schemaElement.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [];

    private IEnumerable<string> PropertyNames() =>
        _schemaElement.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(e => e.Name) : [];

    private string ExpectedType(string argument) =>
        _schemaElement.TryGetProperty("properties", out var p) && p.TryGetProperty(argument, out var a) && a.TryGetProperty("type", out var t)
            ? (t.GetString() is { } type && type.Length > 0 && "aeiou".Contains(type[0], StringComparison.Ordinal) ? "an " : "a ") + t.GetString()
            : "of the declared type";

    private static string KindOf(JsonElement arguments, string argument) =>
        arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(argument, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => "a string",
                JsonValueKind.Number => "a number",
                JsonValueKind.True or JsonValueKind.False => "a boolean",
                JsonValueKind.Array => "an array",
                JsonValueKind.Object => "an object",
                JsonValueKind.Null => "null",
                _ => "something else",
            }
            : "missing";

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        if (results.Details is null) yield break;
        foreach (var detail in results.Details)
        {
            foreach (var nested in Flatten(detail)) yield return nested;
        }
    }
}
