using System.Text.Json;
using Json.Schema;

namespace Kami.Mcp.Tools;

/// <summary>
/// Checks a tool's output against the output schema its manifest declares (<c>[mcp] output_schema</c>), so a client
/// that reads <c>structuredContent</c> gets what the tool listing promised, or an error that says why not.
/// </summary>
internal sealed class OutputValidator
{
    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };
    private readonly JsonSchema _schema;

    private OutputValidator(JsonElement schema)
    {
        Schema = schema;
        _schema = JsonSchema.Build(schema);
    }

    /// <summary>The schema as the tool listing shows it.</summary>
    public JsonElement Schema { get; }

    /// <summary>A validator for <paramref name="schemaJson"/>, or null when the tool declares none or it does not build (logged by the caller).</summary>
    public static OutputValidator? For(string? schemaJson)
    {
        if (schemaJson is null) return null;
        using var document = JsonDocument.Parse(schemaJson);
        return new OutputValidator(document.RootElement.Clone());
    }

    /// <summary>Null when <paramref name="output"/> is a JSON object matching the schema; otherwise why not, in a sentence.</summary>
    public string? Problem(string output)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException)
        {
            return "its output is not JSON";
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "its output is not a JSON object";
            if (_schema.Evaluate(root, Quick).IsValid) return null;
            var details = (_schema.Evaluate(root, Detailed).Details ?? [])
                .Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
                .Distinct().Take(5).ToList();
            return details.Count == 0 ? "its output does not match its output schema"
                : "its output does not match its output schema (" + string.Join("; ", details) + ")";
        }
    }
}
