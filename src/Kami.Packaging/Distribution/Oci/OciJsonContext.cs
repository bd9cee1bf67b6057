using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kami.Packaging.Distribution.Oci;

// camelCase as the OCI specs and registry.json spell their members; nulls are left out of what KAMI writes.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(WasmArtifactConfig))]
[JsonSerializable(typeof(WellKnownRegistry))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(OciErrorBody))]
internal sealed partial class OciJsonContext : JsonSerializerContext
{
    /// <summary>
    /// For what KAMI writes: '+' and quotes as themselves ("application/vnd.oci.image.manifest.v1+json", not \u002B), as
    /// other OCI tools write them, so registry UIs and `oras manifest fetch` show them plainly. The bytes are never HTML.
    /// </summary>
    public static OciJsonContext Writing { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
