using Kami.Core.Tools;

namespace Kami.Core.Trust;

/// <summary>Verifies a tool's manifest signature: by its signer, over the manifest statement of exactly this manifest and component.</summary>
public static class ManifestSignatureCheck
{
    /// <summary>True when <paramref name="signature"/> has a manifest signature that verifies for <paramref name="manifest"/> and <paramref name="wasmSha256"/>.</summary>
    public static bool Verifies(ISignatureVerifier verifier, ToolManifest manifest, string wasmSha256, ToolSignature signature) =>
        signature.ManifestSignature is { } manifestSignature
        && verifier.Verify(ManifestStatement.SignedMessage(manifest, wasmSha256), new ToolSignature(manifestSignature, signature.SignerPublicKey));
}
