using System.Globalization;
using System.Text.Json;
using Kami.Packaging.Packages;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// A package as the Wasm OCI artifact wkg writes (docs/compatibility.md): an image manifest whose config is
/// <c>application/vnd.wasm.config.v0+json</c> and whose one layer is the component (<c>application/wasm</c>); the config
/// also carries tool.toml (<see cref="WasmArtifactConfig.ToolTomlMember"/>), so one artifact is the whole package.
/// </summary>
internal sealed record OciArtifact(byte[] Wasm, string WasmDigest, byte[] Config, string ConfigDigest, byte[] Manifest, string ManifestDigest)
{
    /// <summary>The artifact for <paramref name="package"/>, whose component is <paramref name="wasm"/>.</summary>
    public static OciArtifact Build(LoadedPackage package, byte[] wasm, DateTimeOffset created)
    {
        var wasmDigest = OciDigest.Of(wasm);
        var config = JsonSerializer.SerializeToUtf8Bytes(new WasmArtifactConfig(
            created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), "wasm", "wasip2", [wasmDigest], package.ManifestText),
            OciJsonContext.Writing.WasmArtifactConfig);
        var configDigest = OciDigest.Of(config);
        var m = package.Manifest;
        var annotations = new Dictionary<string, string>
        {
            [OciMediaTypes.VersionAnnotation] = m.Version.ToString(),
            [OciMediaTypes.ToolIdAnnotation] = m.Id.Value,
        };
        if (m.Description.Length > 0) annotations[OciMediaTypes.DescriptionAnnotation] = m.Description;
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new OciManifest(2, OciMediaTypes.ImageManifest,
            new OciDescriptor(OciMediaTypes.WasmConfig, configDigest, config.Length),
            [new OciDescriptor(OciMediaTypes.WasmLayer, wasmDigest, wasm.Length, new() { [OciMediaTypes.TitleAnnotation] = Path.GetFileName(m.WasmPath) })],
            annotations), OciJsonContext.Writing.OciManifest);
        return new OciArtifact(wasm, wasmDigest, config, configDigest, manifest, OciDigest.Of(manifest));
    }

    /// <summary>
    /// The config and the one component layer of a pulled manifest; refuses (clearly) anything else: not JSON, an
    /// index, a config that is not the Wasm one, no or several <c>application/wasm</c> layers, a digest not sha256.
    /// </summary>
    public static (OciDescriptor Config, OciDescriptor Layer) Read(byte[] manifest, string where)
    {
        OciManifest? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(manifest, OciJsonContext.Default.OciManifest);
        }
        catch (JsonException e)
        {
            throw Refused(where, $"its manifest is not JSON ({e.Message})");
        }
        if (parsed is null || parsed.SchemaVersion != 2) throw Refused(where, "its manifest is not an OCI image manifest (schemaVersion 2)");
        if (parsed.MediaType == OciMediaTypes.ImageIndex)
            throw Refused(where, "it is an image index (a list of artifacts), not one Wasm component; name the component artifact's own digest");
        if (parsed.MediaType is { } type && type != OciMediaTypes.ImageManifest)
            throw Refused(where, $"its manifest is {type}, not {OciMediaTypes.ImageManifest}");
        if (parsed.Config is not { } config || config.MediaType != OciMediaTypes.WasmConfig)
            throw Refused(where, $"it is not a Wasm component artifact (its config is {parsed.Config?.MediaType ?? "missing"}, not {OciMediaTypes.WasmConfig})");
        var layers = (parsed.Layers ?? []).Where(l => l.MediaType == OciMediaTypes.WasmLayer).ToList();
        if (layers.Count != 1)
            throw Refused(where, $"it has {layers.Count} {OciMediaTypes.WasmLayer} layers; a tool artifact has exactly one, the component");
        foreach (var descriptor in new[] { config, layers[0] })
        {
            if (!OciDigest.IsSha256(descriptor.Digest))
                throw Refused(where, $"its manifest names the blob \"{descriptor.Digest}\", which is not a sha256 digest");
        }
        return (config, layers[0]);
    }

    /// <summary>tool.toml from a pulled config blob; refuses a config without one (a component wkg published, say).</summary>
    public static string ToolToml(byte[] config, string where)
    {
        WasmArtifactConfig? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(config, OciJsonContext.Default.WasmArtifactConfig);
        }
        catch (JsonException e)
        {
            throw Refused(where, $"its config is not JSON ({e.Message})");
        }
        return parsed?.ToolToml is { Length: > 0 } toml ? toml
            : throw Refused(where, $"it is a Wasm component without a KAMI manifest (no \"{WasmArtifactConfig.ToolTomlMember}\" in its config); "
                + "KAMI installs artifacts made by `kami publish`, whose config carries tool.toml");
    }

    private static Kami.Core.Errors.KamiException Refused(string where, string why) =>
        new(Kami.Core.Errors.ErrorKind.PackageInvalid, $"{where} cannot be installed: {why}");
}
