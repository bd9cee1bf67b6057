namespace Kami.Packaging.Distribution.Oci;

/// <summary>The media types and annotation keys of the Wasm OCI artifact (CNCF TAG Runtime; what wkg writes).</summary>
internal static class OciMediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string WasmConfig = "application/vnd.wasm.config.v0+json";
    public const string WasmLayer = "application/wasm";

    public const string TitleAnnotation = "org.opencontainers.image.title";
    public const string VersionAnnotation = "org.opencontainers.image.version";
    public const string DescriptionAnnotation = "org.opencontainers.image.description";
    /// <summary>The KAMI tool id, so a listing shows which tool an artifact is without fetching its config.</summary>
    public const string ToolIdAnnotation = "dev.kami.tool.id";
}
