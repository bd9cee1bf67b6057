namespace Kami.Packaging.Distribution.Oci;

/// <summary>The <c>oci</c> member of registry.json.</summary>
internal sealed record WellKnownOci(string? Registry, string? NamespacePrefix);
