namespace Kami.Core.Security.Network;

/// <summary>
/// The operator's <c>net_credentials</c>: per tool, per host and port (<see cref="CredentialOrigin"/>), the header to
/// inject. Empty by default.
/// </summary>
public sealed class NetCredentials : IEquatable<NetCredentials>
{
    private readonly Dictionary<string, Dictionary<CredentialOrigin, NetCredential>> _byTool = new(StringComparer.Ordinal);

    /// <summary>No credentials.</summary>
    public static NetCredentials None { get; } = new();

    /// <summary>Builds the table from (tool id, where, credential) rows; a later row for the same tool and origin replaces an earlier one.</summary>
    public static NetCredentials From(IEnumerable<(string ToolId, CredentialOrigin Origin, NetCredential Credential)> rows)
    {
        var credentials = new NetCredentials();
        foreach (var (tool, origin, credential) in rows)
        {
            if (!credentials._byTool.TryGetValue(tool, out var origins)) credentials._byTool[tool] = origins = [];
            origins[origin] = credential;
        }
        return credentials;
    }

    /// <summary>
    /// The credential for a request of <paramref name="toolId"/> to <paramref name="target"/> (an http or https URL the
    /// allow-list accepted), if any: one whose key names its host and port, or its host alone when the port is the
    /// scheme's default. A key with the port wins over the host alone (both name https://host:443/).
    /// </summary>
    public NetCredential? For(string toolId, Uri target)
    {
        if (!_byTool.TryGetValue(toolId, out var origins)) return null;
        var host = CredentialOrigin.HostOf(target);
        return origins.GetValueOrDefault(new CredentialOrigin(host, target.Port))
            ?? (target.IsDefaultPort ? origins.GetValueOrDefault(new CredentialOrigin(host, null)) : null);
    }

    /// <summary>Same tools, origins and credentials (options built from the same settings compare equal).</summary>
    public bool Equals(NetCredentials? other) =>
        other is not null && _byTool.Count == other._byTool.Count && _byTool.All(t =>
            other._byTool.TryGetValue(t.Key, out var origins) && origins.Count == t.Value.Count
            && t.Value.All(o => origins.TryGetValue(o.Key, out var c) && c == o.Value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NetCredentials);

    /// <inheritdoc />
    public override int GetHashCode() => _byTool.Count;

    /// <summary>
    /// Where a tool has a credential, as canonical keys (<c>host</c>, <c>host:port</c>), for <c>kami inspect</c>: that one
    /// is configured, never its value.
    /// </summary>
    public IReadOnlyList<string> HostsOf(string toolId) =>
        _byTool.TryGetValue(toolId, out var origins) ? [.. origins.Keys.Select(o => o.ToString()).Order(StringComparer.Ordinal)] : [];
}
