using Kami.Core.Errors;
using Kami.Core.Trust;

namespace Kami.Packaging.Trust;

/// <summary>
/// The one decision about a component's signature, at install: a signature that does not verify is refused
/// whatever the policy; then the policy's own demands (signed, by a trusted key) apply.
/// </summary>
public static class SignatureCheck
{
    /// <summary>Throws when refused; returns a note worth telling the user, or null.</summary>
    public static string? Enforce(string toolId, ReadOnlySpan<byte> wasm, ToolSignature? signature, SignaturePolicy policy)
    {
        if (signature is not null && !policy.Verifier.Verify(wasm, signature))
            throw new KamiException(ErrorKind.SignatureInvalid,
                $"the signature of {toolId} does not match its component (signer {signature.ShortSigner}): the package was altered or signed with another key; nothing was installed");
        if (policy.Refusal(toolId, signature) is { } refusal)
            throw new KamiException(ErrorKind.SignatureRequired, refusal + "; nothing was installed");
        if (signature is null) return null;
        return policy.IsTrusted(signature.SignerPublicKey)
            ? $"signature verified: signed by a trusted signer ({signature.ShortSigner})"
            : $"signature verified, but {signature.SignerPublicKey} is not a trusted signer (`kami trust add` it if you trust it)";
    }
}
