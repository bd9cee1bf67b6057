using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kami.Core.Errors;
using Kami.Runtime.Contracts;

namespace Kami.Cli.Authoring;

/// <summary>
/// One case of a package's test/cases.json: an input, and either the expected output (compared as JSON, so
/// key order and spacing don't matter) or a substring the error must contain.
/// </summary>
internal sealed record ToolTestCase(string Name, string Input, JsonNode? Output, string? Error)
{
    public const string File = "test/cases.json";

    public static IReadOnlyList<ToolTestCase> Load(string packageDir)
    {
        var path = Path.Combine(packageDir, File);
        if (!System.IO.File.Exists(path))
            throw new KamiException(ErrorKind.InvalidInput, $"{packageDir} has no {File}: write a JSON array of {{\"name\", \"input\", \"output\" or \"error\"}} cases");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(System.IO.File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new KamiException(ErrorKind.InvalidInput, $"{File} is not valid JSON: {e.Message}");
        }
        if (root is not JsonArray cases || cases.Count == 0)
            throw new KamiException(ErrorKind.InvalidInput, $"{File} must be a non-empty JSON array of cases");
        var result = new List<ToolTestCase>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i] is not JsonObject c) throw new KamiException(ErrorKind.InvalidInput, $"{File}: case {i + 1} is not an object");
            var name = c["name"]?.GetValue<string>() ?? $"case {i + 1}";
            var input = c["input"] is JsonObject o ? o.ToJsonString() : throw new KamiException(ErrorKind.InvalidInput, $"{File}: \"{name}\" needs an \"input\" object");
            var error = c["error"]?.GetValue<string>();
            var hasOutput = c.ContainsKey("output");
            if (hasOutput == (error is not null))
                throw new KamiException(ErrorKind.InvalidInput, $"{File}: \"{name}\" needs exactly one of \"output\" (the expected JSON) and \"error\" (a substring of the error)");
            result.Add(new ToolTestCase(name, input, c["output"]?.DeepClone(), error));
        }
        return result;
    }

    /// <summary>Null when the result is what the case expects, else what differed.</summary>
    public string? Mismatch(ExecutionResult result)
    {
        string output;
        switch (result)
        {
            case ExecutionResult.Failed { Error.Message: var error }:
                if (Error is null) return $"expected output {Output?.ToJsonString() ?? "null"}, got error: {error}";
                return error.Contains(Error, StringComparison.Ordinal) ? null : $"expected an error containing \"{Error}\", got error: {error}";
            case ExecutionResult.Succeeded ok:
                output = ok.Output;
                if (Error is not null) return $"expected an error containing \"{Error}\", got output {output}";
                break;
            default:
                throw new UnreachableException();
        }
        JsonNode? actual;
        try
        {
            actual = JsonNode.Parse(output);
        }
        catch (JsonException)
        {
            return $"the output is not JSON: {output}";
        }
        return JsonNode.DeepEquals(actual, Output) ? null : $"expected {Output?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}";
    }
}
