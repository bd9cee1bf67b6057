namespace Kami.Packaging.Distribution.Oci;

/// <summary>An OCI image manifest (<c>application/vnd.oci.image.manifest.v1+json</c>), as much of it as KAMI reads or writes.</summary>
internal sealed record OciManifest(int SchemaVersion, string? MediaType, OciDescriptor? Config, IReadOnlyList<OciDescriptor>? Layers,
    Dictionary<string, string>? Annotations = null);
