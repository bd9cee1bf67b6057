using System.Text;
using System.Text.Json;
using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Cli.Authoring;

/// <summary>
/// Keeps a JS/TS tool's <c>defineTool</c> definition and its tool.toml from disagreeing: the id and each
/// argument's name, type and required flag must match. On a mismatch the error carries the
/// <c>[[mcp.arguments]]</c> block generated from the definition, ready to paste.
/// </summary>
internal static class DefinitionCheck
{
    public static void Compare(ToolManifest manifest, string definitionJson)
    {
        using var doc = JsonDocument.Parse(definitionJson);
        var root = doc.RootElement;
        var problems = new List<string>();
        var name = root.GetProperty("name").GetString();
        if (name != manifest.Id.Value)
            problems.Add($"defineTool name is \"{name}\" but tool.toml's [tool] id is \"{manifest.Id}\"");

        var defined = root.GetProperty("arguments").EnumerateArray()
            .Select(a => (Name: a.GetProperty("name").GetString()!, Type: a.GetProperty("type").GetString()!,
                Description: a.GetProperty("description").GetString() ?? "", Required: a.GetProperty("required").GetBoolean()))
            .ToList();
        var declared = manifest.Arguments.ToDictionary(a => a.Name, StringComparer.Ordinal);
        foreach (var d in defined)
        {
            if (!declared.TryGetValue(d.Name, out var m)) problems.Add($"argument \"{d.Name}\" is in defineTool but not in tool.toml");
            else
            {
                var type = ArgumentTypes.Names[(int)m.Type];
                if (type != d.Type) problems.Add($"argument \"{d.Name}\" is {d.Type} in defineTool but {type} in tool.toml");
                if (m.Required != d.Required) problems.Add($"argument \"{d.Name}\" is {(d.Required ? "" : "not ")}required in defineTool but {(m.Required ? "" : "not ")}required in tool.toml");
            }
        }
        foreach (var m in manifest.Arguments.Where(m => defined.All(d => d.Name != m.Name)))
            problems.Add($"argument \"{m.Name}\" is in tool.toml but not in defineTool");
        if (problems.Count == 0) return;

        var toml = new StringBuilder();
        foreach (var d in defined)
        {
            toml.Append("[[mcp.arguments]]\n")
                .Append("name = ").Append(Quote(d.Name)).Append('\n')
                .Append("type = ").Append(Quote(d.Type)).Append('\n')
                .Append("description = ").Append(Quote(d.Description)).Append('\n')
                .Append("required = ").Append(d.Required ? "true" : "false").Append("\n\n");
        }
        throw new BuildFailedException(
            $"tool.toml and the tool's defineTool disagree ({problems.Count} difference(s)); replace tool.toml's [[mcp.arguments]] with the block above, or change defineTool",
            [.. problems, "", "generated from defineTool:", .. toml.ToString().TrimEnd().Split('\n')]);
    }

    // A TOML basic string: JSON string escaping is valid TOML escaping for these characters.
    private static string Quote(string text) => JsonSerializer.Serialize(text, DefinitionJsonContext.Default.String);
}
