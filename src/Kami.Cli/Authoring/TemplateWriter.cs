using Kami.Core.Errors;
using Kami.Core.Tools;

namespace Kami.Cli.Authoring;

/// <summary>
/// <c>kami init</c>'s work: copies guest/templates/&lt;lang&gt;/ into a new directory, filling in the tool's id,
/// name and the path of the JS SDK. Never writes into a directory that exists, so nothing is overwritten.
/// </summary>
internal static class TemplateWriter
{
    public static readonly IReadOnlyDictionary<string, ToolLanguage> Languages = new Dictionary<string, ToolLanguage>(StringComparer.Ordinal)
    {
        ["c"] = ToolLanguage.C,
        ["js"] = ToolLanguage.JavaScript,
        ["ts"] = ToolLanguage.TypeScript,
    };

    /// <summary>Checks the name and id; returns the id to write.</summary>
    public static ToolId IdFor(string name, string? id)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.') || !ToolId.TryParse("local." + name, out _, out _)
            || !char.IsAsciiLetter(name[0]) || name.Length > 64)
            throw new KamiException(ErrorKind.InvalidInput,
                $"'{name}' is not a valid tool name: use 1-64 letters, digits, '-' or '_', starting with a letter (e.g. my-tool); "
                + "give a full reverse-domain id with --id dev.example.my-tool");
        if (id is null) return ToolId.Parse("local." + name);
        if (!ToolId.TryParse(id, out var parsed, out var error)) throw new KamiException(ErrorKind.InvalidInput, $"--id: {error}");
        return parsed;
    }

    public static IReadOnlyList<string> Write(GuestToolchain toolchain, string language, string name, ToolId id, string directory)
    {
        var template = Path.Combine(toolchain.Templates, language);
        if (!Directory.Exists(template)) throw new KamiException(ErrorKind.InvalidInput, $"the {language} template is missing from {toolchain.Templates}");
        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) || File.Exists(target))
            throw new KamiException(ErrorKind.InvalidInput, $"{directory} already exists; kami init makes a new directory: choose another name or remove it");

        var written = new List<string>();
        var staging = target + ".kami-init-" + Guid.NewGuid().ToString("n")[..8];
        try
        {
            foreach (var file in Directory.GetFiles(template, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(template, file);
                var destination = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.WriteAllText(destination, Fill(File.ReadAllText(file), name, id, toolchain.JsSdk));
                written.Add(relative.Replace('\\', '/'));
            }
            // One rename: a failed init leaves no half-written directory behind.
            Directory.Move(staging, target);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
        written.Sort(StringComparer.Ordinal);
        return written;
    }

    private static string Fill(string text, string name, ToolId id, string sdk) =>
        text.Replace("{{id}}", id.Value, StringComparison.Ordinal)
            .Replace("{{name}}", name, StringComparison.Ordinal)
            .Replace("{{sdk}}", sdk.Replace('\\', '/'), StringComparison.Ordinal);
}
