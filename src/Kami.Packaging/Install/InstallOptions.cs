using Kami.Core.Tools;
using Kami.Core.Trust;

namespace Kami.Packaging.Install;

/// <summary>
/// <see cref="Force"/> re-installs the same version; <see cref="AllowDowngrade"/> installs an older one (or one whose
/// version is not signed over a signed one); neither happens by accident.
/// <see cref="Approve"/> sees the manifest that will be recorded before anything is granted, and throws to refuse.
/// </summary>
public sealed record InstallOptions(bool Force = false)
{
    /// <summary>Lets an install replace the installed version with a lower one (<c>--allow-downgrade</c>); <c>kami rollback</c> is the usual way back.</summary>
    public bool AllowDowngrade { get; init; }

    /// <summary>Asked before anything is copied or granted; throw to refuse the install. Null approves every manifest.</summary>
    public Action<ToolManifest>? Approve { get; init; }

    /// <summary>
    /// A SHA-256 (hex) the package must match before anything is installed: that of the downloaded file, or of its
    /// .wasm (an index's <c>wasm_sha256</c>). Null: no pin beyond the signature.
    /// </summary>
    public string? ExpectedSha256 { get; init; }

    /// <summary>
    /// A signature from outside the package (the index entry, or flags); it wins over the one in tool.toml (which
    /// still lends its manifest signature when it is by the same signer and this one has none).
    /// </summary>
    public ToolSignature? Signature { get; init; }

    /// <summary>What is demanded of signatures. Null: a signature present must still verify; nothing is required.</summary>
    public SignaturePolicy? Trust { get; init; }

    /// <summary>Where the package came from, as recorded and shown by <c>kami inspect</c> (a URL, an index id); default the full path.</summary>
    public string? SourceLabel { get; init; }
}
