namespace Kami.Packaging.Manifest;

/// <summary>The tables and keys of tool.toml that KAMI understands (docs/compatibility.md); anything else is reported as a warning.</summary>
internal static class ManifestKeys
{
    public const string ToolTable = "tool";
    public const string McpTable = "mcp";
    public const string ArgumentsTable = "mcp.arguments";
    public const string SecurityTable = "security";
    public const string PromptsTable = "prompts";
    public const string ResourcesTable = "resources";

    // [tool]
    public const string Id = "id";
    public const string Name = "name";
    public const string Version = "version";
    public const string Wasm = "wasm";
    public const string Signature = "signature";
    public const string SignerPublicKey = "signer_public_key";
    public const string ManifestSignature = "manifest_signature";

    // [mcp], and [[mcp.arguments]] with name
    public const string Description = "description";
    public const string AdditionalArguments = "additional_arguments";
    public const string OutputSchema = "output_schema";
    public const string Type = "type";
    public const string Required = "required";

    // [[prompts]] (name, description) and [[resources]] (name, description)
    public const string Arguments = "arguments";
    public const string Text = "text";
    public const string ImageMimeType = "image_mime_type";
    public const string ImageBase64 = "image_base64";
    public const string ResourceUri = "resource_uri";
    public const string ResourceMimeType = "resource_mime_type";
    public const string ResourceText = "resource_text";
    public const string AskMessage = "ask_message";
    public const string AskField = "ask_field";
    public const string Uri = "uri";
    public const string MimeType = "mime_type";
    public const string BlobBase64 = "blob_base64";

    // [security]
    public const string NetAllowList = "net_allow_list";
    public const string FsAccess = "fs_access";
    public const string EnvAllowList = "env_allow_list";
    public const string MaxMemoryMb = "max_memory_mb";
    public const string MaxExecutionMs = "max_execution_ms";
    public const string MaxFuel = "max_fuel";

    public static readonly IReadOnlySet<string> Tool = new HashSet<string> { Id, Name, Version, Wasm, Signature, SignerPublicKey, ManifestSignature };
    public static readonly IReadOnlySet<string> Mcp = new HashSet<string> { Description, AdditionalArguments, OutputSchema };
    public static readonly IReadOnlySet<string> Argument = new HashSet<string> { Name, Type, Description, Required };
    public static readonly IReadOnlySet<string> Prompt = new HashSet<string> { Name, Description, Arguments, Text, ImageMimeType, ImageBase64, ResourceUri, ResourceMimeType, ResourceText, AskMessage, AskField };
    public static readonly IReadOnlySet<string> Resource = new HashSet<string> { Uri, Name, Description, MimeType, Text, BlobBase64 };
    public static readonly IReadOnlySet<string> Security = new HashSet<string> { NetAllowList, FsAccess, EnvAllowList, MaxMemoryMb, MaxExecutionMs, MaxFuel };
}
