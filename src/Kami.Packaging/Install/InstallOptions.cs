using Kami.Core.Tools;
using Kami.Core.Trust;

namespace Kami.Packaging.Install;

/// <summary>
/// <see cref="Force"/> re-installs the same version or downgrades; neither happens by accident.
/// <see cref="Approve"/> sees the manifest that will be recorded before anything is granted, and throws to refuse.
/// </summary>
public sealed record InstallOptions(bool Force = false)
{
    /// <summary>Asked before anything is copied or granted; throw to refuse the install. Null approves every manifest.</summary>
    public Action<ToolManifest>? Approve { get; init; }

    /// <summary>
    /// A SHA-256 (hex) the package must match before anything is installed: that of the downloaded file, or of its
    /// .wasm (an index's <c>wasm_sha256</c>). Null: no pin beyond the signature.
    /// </summary>
    public string? ExpectedSha256 { get; init; }

    /// <summary>A signature from outside the package (the index entry, or flags); it wins over the one in tool.toml.</summary>
    public ToolSignature? Signature { get; init; }

    /// <summary>What is demanded of signatures. Null: a signature present must still verify; nothing is required.</summary>
    public SignaturePolicy? Trust { get; init; }

    /// <summary>Where the package came from, as recorded and shown by <c>kami inspect</c> (a URL, an index id); default the full path.</summary>
    public string? SourceLabel { get; init; }
}
