using System.Text.Json.Serialization;

namespace Kami.Core.Registry.Storage;

/// <summary>The stored JSON form of a manifest: plain data so the schema never depends on domain type internals.</summary>
internal sealed class ManifestDocument
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public string Wasm { get; set; } = "";
    public string Description { get; set; } = "";
    public bool AdditionalArguments { get; set; }
    public List<ArgumentDocument> Arguments { get; set; } = [];
    public PolicyDocument Security { get; set; } = new();
}

internal sealed class ArgumentDocument
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "string";
    public string Description { get; set; } = "";
    public bool Required { get; set; }
}

internal sealed class PolicyDocument
{
    public List<string> NetAllowList { get; set; } = [];
    public string FsAccess { get; set; } = "none";
    public List<string> EnvAllowList { get; set; } = [];
    public int MaxMemoryMb { get; set; }
    public int MaxExecutionMs { get; set; }
    public ulong MaxFuel { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ManifestDocument))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
