using Kami.Core.Errors;

namespace Kami.Cli.Authoring;

/// <summary>
/// The one source file a package builds from, and so its language: tool.c, tool.ts or tool.js at the package
/// root (as <c>kami init</c> writes), else the only .c, .ts or .js file there.
/// </summary>
internal sealed record ToolSource(ToolLanguage Language, string File)
{
    private static readonly (string Extension, ToolLanguage Language)[] Known =
        [(".c", ToolLanguage.C), (".ts", ToolLanguage.TypeScript), (".js", ToolLanguage.JavaScript), (".mjs", ToolLanguage.JavaScript)];

    public static ToolSource Find(string packageDir)
    {
        foreach (var (ext, language) in Known)
        {
            var conventional = Path.Combine(packageDir, "tool" + ext);
            if (System.IO.File.Exists(conventional)) return new(language, conventional);
        }
        var sources = Directory.GetFiles(packageDir)
            .Where(f => !f.EndsWith(".d.ts", StringComparison.Ordinal))
            .Select(f => (File: f, Match: Known.FirstOrDefault(k => f.EndsWith(k.Extension, StringComparison.Ordinal))))
            .Where(s => s.Match.Extension is not null)
            .ToList();
        return sources.Count switch
        {
            1 => new(sources[0].Match.Language, sources[0].File),
            0 => throw new KamiException(ErrorKind.InvalidInput,
                $"{packageDir} has no tool source: kami build looks for tool.c, tool.ts or tool.js next to tool.toml (kami init writes one)"),
            _ => throw new KamiException(ErrorKind.InvalidInput,
                $"{packageDir} has {sources.Count} possible tool sources ({string.Join(", ", sources.Select(s => Path.GetFileName(s.File)))}); name the one to build tool.c, tool.ts or tool.js"),
        };
    }
}
