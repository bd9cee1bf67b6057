using Kami.Core.Tools;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>What <c>kami publish</c> pushed.</summary>
/// <param name="Manifest">The package's manifest.</param>
/// <param name="Target">Where it was pushed (with its tag).</param>
/// <param name="ManifestDigest">The digest of the artifact's manifest: what <c>oci://…@sha256:…</c> pins.</param>
/// <param name="WasmSha256">The component's SHA-256 (hex), as install pins it.</param>
/// <param name="SignerPublicKey">Who signed the component.</param>
/// <param name="Note">Something worth telling the user (registry discovery), or null.</param>
public sealed record OciPublishResult(ToolManifest Manifest, OciReference Target, string ManifestDigest, string WasmSha256, string SignerPublicKey, string? Note)
{
    /// <summary>The reference that names exactly this artifact.</summary>
    public string Pinned => Target.PinnedTo(ManifestDigest);
}
