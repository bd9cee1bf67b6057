namespace Kami.Core.Tests.Architecture;

/// <summary>
/// The folders show the layers (docs/architecture.md): no two namespaces in src/ use each other, directly or through
/// others, and the domain (Kami.Core) knows nothing of Wasmtime, SQLite, PostgreSQL, MCP or ASP.NET Core.
/// </summary>
public sealed class LayeringTests
{
    [Fact]
    public void NoNamespaceInSrc_DependsOnItselfThroughOthers()
    {
        var cycles = StronglyConnected(SourceNamespaces.Graph).Where(c => c.Count > 1).Select(c => string.Join(" <-> ", c)).ToList();
        Assert.True(cycles.Count == 0, "namespace cycles in src/: " + string.Join("; ", cycles));
    }

    [Fact]
    public void TheDomain_UsesNoEngineStoreOrProtocol()
    {
        string[] outside = ["Wasmtime", "Microsoft.Data.Sqlite", "Npgsql", "ModelContextProtocol", "Microsoft.AspNetCore", "Kami.Runtime", "Kami.Mcp", "Kami.Registry", "Kami.Packaging", "Kami.Cli"];
        var leaks = SourceNamespaces.AllUsings
            .Where(n => n.Key.StartsWith("Kami.Core", StringComparison.Ordinal))
            .SelectMany(n => n.Value.Where(u => outside.Any(o => u.StartsWith(o, StringComparison.Ordinal))).Select(u => $"{n.Key} uses {u}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("; ", leaks));
    }

    [Fact]
    public void TheGraph_IsReadFromTheSourceTree()
    {
        // Guards the two tests above against passing on an empty graph (a moved src/ or a changed namespace style).
        Assert.Contains("Kami.Runtime.Wasm", SourceNamespaces.Graph.Keys);
        Assert.Contains("Kami.Runtime.Contracts", SourceNamespaces.Graph["Kami.Runtime.Wasm"]);
    }

    /// <summary>Tarjan's strongly connected components: every cycle lies inside one component of two or more.</summary>
    private static List<List<string>> StronglyConnected(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.TryGetValue(v, out var uses) ? uses : [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string top;
            do { top = stack.Pop(); onStack.Remove(top); component.Add(top); } while (top != v);
            components.Add(component);
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal)) if (!index.ContainsKey(v)) Visit(v);
        return components;
    }
}
