using Kami.Core.Security;

namespace Kami.Core.Tools;

/// <summary>A parsed and validated <c>tool.toml</c> (the Rust KAMI's format, see docs/compatibility.md).</summary>
public sealed record ToolManifest(
    ToolId Id,
    string Name,
    ToolVersion Version,
    string WasmPath,
    string Description,
    IReadOnlyList<ToolArgument> Arguments,
    SecurityPolicy Security)
{
    /// <summary>Whether callers may pass properties the manifest does not declare (<c>[mcp] additional_arguments</c>).</summary>
    public bool AllowsAdditionalArguments { get; init; }

    /// <summary>The signature recorded in <c>[tool] signature</c> / <c>signer_public_key</c> (as the Rust KAMI writes it), if any.</summary>
    public Trust.ToolSignature? Signature { get; init; }

    /// <summary>The JSON Schema (an object schema, as JSON text) the tool's output must match (<c>[mcp] output_schema</c>); null: any output.</summary>
    public string? OutputSchema { get; init; }

    /// <summary>Prompts the package serves (<c>[[prompts]]</c>); none for a tool-only package, the Rust KAMI's among them.</summary>
    public IReadOnlyList<PackagePrompt> Prompts { get; init; } = [];

    /// <summary>Resources and resource templates the package serves (<c>[[resources]]</c>).</summary>
    public IReadOnlyList<PackageResource> Resources { get; init; } = [];
}
