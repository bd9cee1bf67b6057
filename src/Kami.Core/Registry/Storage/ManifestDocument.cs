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
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? OutputSchema { get; set; }
    public List<ArgumentDocument> Arguments { get; set; } = [];
    public PolicyDocument Security { get; set; } = new();
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<PromptDocument>? Prompts { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<ResourceDocument>? Resources { get; set; }
}

internal sealed class PromptDocument
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public List<string> Arguments { get; set; } = [];
    public string Text { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ImageMimeType { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ImageBase64 { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ResourceUri { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ResourceMimeType { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ResourceText { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AskMessage { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AskField { get; set; }
}

internal sealed class ResourceDocument
{
    public string Uri { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string MimeType { get; set; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Text { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? BlobBase64 { get; set; }
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
