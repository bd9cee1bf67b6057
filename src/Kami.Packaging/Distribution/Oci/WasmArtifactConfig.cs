using System.Text.Json.Serialization;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// The config blob (<c>application/vnd.wasm.config.v0+json</c>) with the fields wkg's oci-wasm reads (created,
/// architecture, os, layerDigests; author and component are optional there), plus one member of KAMI's own:
/// <see cref="ToolToml"/>, the package's tool.toml verbatim. oci-wasm ignores members it does not know, so wkg still
/// pulls the component; the member's reverse-DNS name cannot collide with a field the spec adds later.
/// </summary>
internal sealed record WasmArtifactConfig(
    string? Created,
    string? Architecture,
    string? Os,
    IReadOnlyList<string>? LayerDigests,
    [property: JsonPropertyName(WasmArtifactConfig.ToolTomlMember)] string? ToolToml)
{
    /// <summary>The config member that carries tool.toml.</summary>
    public const string ToolTomlMember = "dev.kami.tool.toml";
}
