using Kami.Core.Errors;
using Kami.Core.Tools;
using Kami.Core.Trust;

namespace Kami.Packaging.Trust;

/// <summary>
/// The one decision about a package's signatures, at install: a signature that does not verify (over the
/// component, or over the manifest statement when the package has one) is refused whatever the policy; then the
/// policy's own demands (signed, by a trusted key, covering the manifest when it grants anything) apply.
/// </summary>
public static class SignatureCheck
{
    /// <summary>Throws when refused; returns a note worth telling the user, or null.</summary>
    public static string? Enforce(ToolManifest manifest, ReadOnlySpan<byte> wasm, string wasmSha256, ToolSignature? signature, SignaturePolicy policy)
    {
        var toolId = manifest.Id.Value;
        if (signature is not null && !policy.Verifier.Verify(wasm, signature))
            throw new KamiException(ErrorKind.SignatureInvalid,
                $"the signature of {toolId} does not match its component (signer {signature.ShortSigner}): the package was altered or signed with another key; nothing was installed");
        if (signature is { ManifestSignature: not null } && !ManifestSignatureCheck.Verifies(policy.Verifier, manifest, wasmSha256, signature))
            throw new KamiException(ErrorKind.SignatureInvalid,
                $"the manifest signature of {toolId} does not match its tool.toml (signer {signature.ShortSigner}): its id, version, description, arguments, "
                + "grants or limits differ from what was signed, or it was signed with another key; nothing was installed");
        if (policy.Refusal(toolId, manifest.Security, signature) is { } refusal)
            throw new KamiException(ErrorKind.SignatureRequired, refusal + "; nothing was installed");
        if (signature is null) return null;
        var who = policy.IsTrusted(signature.SignerPublicKey)
            ? $": signed by a trusted signer ({signature.ShortSigner})"
            : $", but {signature.SignerPublicKey} is not a trusted signer (`kami trust add` it if you trust it)";
        return signature.Scope == SignatureScope.CodeAndManifest
            ? $"signature verified (code and manifest){who}"
            : $"signature verified (code only: it does not cover tool.toml, so the id, version, grants and limits shown are the package's word, not the signer's){who}";
    }
}
