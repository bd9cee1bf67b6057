using System.Text.RegularExpressions;
using Kami.TestCommon;

namespace Kami.Core.Tests.Architecture;

/// <summary>
/// The namespace graph of src/, read from each file's <c>namespace</c> and <c>using Kami.*</c> lines. A using line is
/// how this code base names a dependency (fully qualified references are rare and reviewed), so the graph is exact
/// enough to keep the layers honest without loading every assembly. A nested namespace counts as its parent
/// (<c>Kami.Mcp.Hosting.Http</c> is <c>Kami.Mcp.Hosting</c>): C# lets a child use its parent's types without a using
/// line, so only the folder one level under a project is a layer the graph can see whole.
/// </summary>
internal static partial class SourceNamespaces
{
    /// <summary>Each namespace in src/ and the Kami namespaces its files use.</summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> Graph { get; } = Read();

    /// <summary>Each namespace in src/ and every using line (Kami or not) its files have.</summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> AllUsings { get; } = Read(kamiOnly: false);

    private static Dictionary<string, SortedSet<string>> Read(bool kamiOnly = true)
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var src = Path.Combine(RepoPaths.Root, "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            var ns = NamespaceLine().Match(text);
            if (!ns.Success) continue;
            var name = Layer(ns.Groups[1].Value);
            if (!graph.TryGetValue(name, out var uses)) graph[name] = uses = new SortedSet<string>(StringComparer.Ordinal);
            foreach (Match u in UsingLine().Matches(text))
            {
                var used = u.Groups[1].Value.StartsWith("Kami.", StringComparison.Ordinal) ? Layer(u.Groups[1].Value) : u.Groups[1].Value;
                if (used != name && (!kamiOnly || used.StartsWith("Kami.", StringComparison.Ordinal))) uses.Add(used);
            }
        }
        return graph;
    }

    /// <summary>The first three parts of a Kami namespace: <c>Kami.&lt;Project&gt;.&lt;Folder&gt;</c>.</summary>
    private static string Layer(string ns) => string.Join('.', ns.Split('.').Take(3));

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
