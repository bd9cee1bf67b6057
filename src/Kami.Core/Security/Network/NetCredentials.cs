namespace Kami.Core.Security.Network;

/// <summary>The operator's <c>net_credentials</c>: per tool, per exact host, the header to inject. Empty by default.</summary>
public sealed class NetCredentials : IEquatable<NetCredentials>
{
    private readonly Dictionary<string, Dictionary<string, NetCredential>> _byTool = new(StringComparer.Ordinal);

    /// <summary>No credentials.</summary>
    public static NetCredentials None { get; } = new();

    /// <summary>Builds the table from (tool id, host, credential) rows; hosts are normalized as in the allow-list.</summary>
    public static NetCredentials From(IEnumerable<(string ToolId, string Host, NetCredential Credential)> rows)
    {
        var credentials = new NetCredentials();
        foreach (var (tool, host, credential) in rows)
        {
            var name = HostAllowList.NormalizeName(host) ?? host.Trim().ToLowerInvariant();
            if (!credentials._byTool.TryGetValue(tool, out var hosts)) credentials._byTool[tool] = hosts = new(StringComparer.Ordinal);
            hosts[name] = credential;
        }
        return credentials;
    }

    /// <summary>The credential for requests of <paramref name="toolId"/> to exactly <paramref name="host"/>, if any.</summary>
    public NetCredential? For(string toolId, string host) =>
        _byTool.TryGetValue(toolId, out var hosts) && hosts.TryGetValue(HostAllowList.NormalizeName(host) ?? host, out var credential) ? credential : null;

    /// <summary>Same tools, hosts and credentials (options built from the same settings compare equal).</summary>
    public bool Equals(NetCredentials? other) =>
        other is not null && _byTool.Count == other._byTool.Count && _byTool.All(t =>
            other._byTool.TryGetValue(t.Key, out var hosts) && hosts.Count == t.Value.Count
            && t.Value.All(h => hosts.TryGetValue(h.Key, out var c) && c == h.Value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NetCredentials);

    /// <inheritdoc />
    public override int GetHashCode() => _byTool.Count;

    /// <summary>The hosts a tool has a credential for (for <c>kami inspect</c>: that one is configured, never its value).</summary>
    public IReadOnlyList<string> HostsOf(string toolId) => _byTool.TryGetValue(toolId, out var hosts) ? [.. hosts.Keys.Order(StringComparer.Ordinal)] : [];
}
