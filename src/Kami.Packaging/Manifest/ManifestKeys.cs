namespace Kami.Packaging.Manifest;

/// <summary>The keys of tool.toml that KAMI understands (docs/compatibility.md); anything else is reported as a warning.</summary>
internal static class ManifestKeys
{
    public static readonly IReadOnlySet<string> Tool = new HashSet<string> { "id", "name", "version", "wasm", "signature", "signer_public_key", "manifest_signature" };
    public static readonly IReadOnlySet<string> Mcp = new HashSet<string> { "description", "additional_arguments" };
    public static readonly IReadOnlySet<string> Argument = new HashSet<string> { "name", "type", "description", "required" };

    public static readonly IReadOnlySet<string> Security = new HashSet<string>
    {
        "net_allow_list", "fs_access", "env_allow_list", "max_memory_mb", "max_execution_ms", "max_fuel",
    };
}
