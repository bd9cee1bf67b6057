using Kami.Core.Security;

namespace Kami.Core.Trust;

/// <summary>
/// What install and load demand of a tool's signature. A signature that does not verify is refused whatever
/// <see cref="RequireSignature"/> says; with it on, an unsigned tool, one signed by a key not in the trusted
/// signers, and one whose code-only signature leaves grants beyond the defaults unsigned are refused too.
/// </summary>
public sealed record SignaturePolicy(bool RequireSignature, ISignatureVerifier Verifier, Func<string, bool> IsTrusted)
{
    /// <summary>
    /// Returns null when the tool may run or be installed, else why not (a sentence that says how to fix it).
    /// Only the cheap part: whether the signatures verify is the caller's check, on the bytes it holds.
    /// </summary>
    /// <param name="toolId">The tool, for the message.</param>
    /// <param name="grants">What its manifest grants (a code-only signature leaves these unsigned).</param>
    /// <param name="signature">Its signature, if any; a manifest signature here must already have been verified.</param>
    public string? Refusal(string toolId, SecurityPolicy grants, ToolSignature? signature)
    {
        if (!RequireSignature) return null;
        if (signature is null)
            return $"tool {toolId} is not signed and require_signature is on; install a signed package "
                + "(the author signs it with `kami sign --write`), or turn require_signature off";
        if (!IsTrusted(signature.SignerPublicKey.ToLowerInvariant()))
            return $"tool {toolId} is signed by {signature.SignerPublicKey}, which is not a trusted signer, and require_signature is on; "
                + "if you trust that key, run `kami trust add " + signature.SignerPublicKey + " --name <who>`";
        if (signature.Scope == SignatureScope.CodeOnly && UnsignedGrants(grants) is { } granted)
            return $"tool {toolId} has a code-only signature (over its .wasm, not its tool.toml), and its tool.toml grants {granted}; "
                + "require_signature accepts a code-only signature only for a tool that asks for nothing beyond the defaults, "
                + "because anyone could have written those grants. Ask the author for a package signed with `kami sign --write` (which signs the manifest too)";
        return null;
    }

    /// <summary>What <paramref name="grants"/> allows beyond deny-all and the default limits, or null when nothing.</summary>
    public static string? UnsignedGrants(SecurityPolicy grants)
    {
        // KAMI's own variables are never passed, whatever a manifest asks: asking for them grants nothing.
        var summary = CapabilitySummary.Of(grants, EnvDenyList.KamiOnly);
        return summary.GrantsNothing ? null : string.Join("; ", summary.Describe(dataDirectory: null));
    }
}
