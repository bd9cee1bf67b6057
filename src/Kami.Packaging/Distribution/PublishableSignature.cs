using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Core.Trust;
using Kami.Packaging.Packages;
using Kami.Packaging.Trust;

namespace Kami.Packaging.Distribution;

/// <summary>
/// The one decision whether a package is signed well enough to publish: tool.toml carries the signatures
/// <c>kami sign --write</c> records, over the .wasm and over the manifest statement, and both verify. A code-only
/// signature is not enough: what is published under a name should carry the signer's word for its grants too.
/// </summary>
public static class PublishableSignature
{
    /// <summary>The package's signature; throws a <see cref="KamiException"/> saying what to run when it is missing or does not verify.</summary>
    public static ToolSignature Require(LoadedPackage package, ReadOnlySpan<byte> wasm, string shownPath)
    {
        var m = package.Manifest;
        var signature = package.Manifest.Signature
            ?? throw new KamiException(ErrorKind.SignatureRequired,
                $"{m.Id} {m.Version} is not signed, and kami publishes only signed packages: run `kami sign {shownPath} --write` first (`kami keygen` makes a key once)");
        if (!Ed25519Signatures.Instance.Verify(wasm, signature))
            throw new KamiException(ErrorKind.SignatureInvalid,
                $"the signature in {m.Id}'s tool.toml does not match its .wasm (it changed since it was signed): run `kami sign {shownPath} --write` again");
        if (signature.ManifestSignature is null)
            throw new KamiException(ErrorKind.SignatureRequired,
                $"{m.Id} {m.Version} is signed for its code only (no manifest_signature), and kami publishes packages whose manifest is signed too: run `kami sign {shownPath} --write`");
        if (!ManifestSignatureCheck.Verifies(Ed25519Signatures.Instance, m, IntegrityHash.Of(wasm), signature))
            throw new KamiException(ErrorKind.SignatureInvalid,
                $"the manifest signature in {m.Id}'s tool.toml does not match its tool.toml (it was edited since it was signed): run `kami sign {shownPath} --write` again");
        return signature;
    }
}
