using Kami.Core.Errors;
using Kami.Core.Trust;
using Kami.Packaging.Packages;

namespace Kami.Packaging.Trust;

/// <summary>
/// The one decision whether a package is signed well enough to publish. Today: tool.toml carries a signature
/// (<c>kami sign --write</c>) that verifies over the .wasm. Tighten it here and every publish path follows.
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
        return signature;
    }
}
