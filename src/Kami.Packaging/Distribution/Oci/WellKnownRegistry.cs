namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// <c>/.well-known/wasm-pkg/registry.json</c> as wasm-pkg-tools reads it: <c>{"preferredProtocol":"oci","oci":{"registry":
/// "ghcr.io","namespacePrefix":"org/"}}</c>, or the older <c>{"ociRegistry":…,"ociNamespacePrefix":…}</c>.
/// </summary>
internal sealed record WellKnownRegistry(string? PreferredProtocol, WellKnownOci? Oci, string? OciRegistry, string? OciNamespacePrefix)
{
    /// <summary>The OCI registry named, if any (the current form wins over the older one).</summary>
    public string? Registry => Oci?.Registry ?? OciRegistry;

    /// <summary>The prefix joined to the repository, if any.</summary>
    public string? NamespacePrefix => Oci?.NamespacePrefix ?? OciNamespacePrefix;
}
