namespace Kami.Core.Trust;

/// <summary>
/// What install and load demand of a tool's signature. A signature that does not verify is refused whatever
/// <see cref="RequireSignature"/> says; with it on, an unsigned tool or one signed by a key not in the trusted
/// signers is refused too.
/// </summary>
public sealed record SignaturePolicy(bool RequireSignature, ISignatureVerifier Verifier, Func<string, bool> IsTrusted)
{
    /// <summary>
    /// Returns null when the tool may run or be installed, else why not (a sentence that says how to fix it).
    /// Only the cheap part: whether the signature verifies is the caller's check, on the bytes it holds.
    /// </summary>
    public string? Refusal(string toolId, ToolSignature? signature)
    {
        if (!RequireSignature) return null;
        if (signature is null)
            return $"tool {toolId} is not signed and require_signature is on; install a signed package "
                + "(the author signs it with `kami sign`), or turn require_signature off";
        if (!IsTrusted(signature.SignerPublicKey.ToLowerInvariant()))
            return $"tool {toolId} is signed by {signature.SignerPublicKey}, which is not a trusted signer, and require_signature is on; "
                + "if you trust that key, run `kami trust add " + signature.SignerPublicKey + " --name <who>`";
        return null;
    }
}
