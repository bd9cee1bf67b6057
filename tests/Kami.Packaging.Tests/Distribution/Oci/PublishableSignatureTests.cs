using Kami.Core.Errors;
using Kami.Packaging.Distribution;
using Kami.Packaging.Packages;
using Kami.Packaging.Tests.Packages;
using Kami.Packaging.Trust;
using Kami.TestCommon;

namespace Kami.Packaging.Tests.Distribution.Oci;

/// <summary>The one place that decides whether a package may be published.</summary>
public sealed class PublishableSignatureTests
{
    [Fact]
    public void Require_Unsigned_SaysToRunKamiSign()
    {
        using var temp = new TempDirectory();
        var package = Read(temp, TestPackages.EchoManifest);

        var e = Assert.Throws<KamiException>(() => PublishableSignature.Require(package, TestPackages.EchoWasm, "my-tool"));

        Assert.Equal(ErrorKind.SignatureRequired, e.Kind);
        Assert.Contains("run `kami sign my-tool --write` first", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_SignedOverOtherBytes_IsRefused()
    {
        using var temp = new TempDirectory();
        var (secret, _) = Ed25519Signatures.Generate();
        var signature = Ed25519Signatures.Sign(TestPackages.EchoWasmTagged("other"), secret);
        var package = Read(temp, Signed(signature));

        var e = Assert.Throws<KamiException>(() => PublishableSignature.Require(package, TestPackages.EchoWasm, "my-tool"));

        Assert.Equal(ErrorKind.SignatureInvalid, e.Kind);
    }

    [Fact]
    public void Require_CodeOnlySignature_SaysToSignTheManifestToo()
    {
        using var temp = new TempDirectory();
        var (secret, _) = Ed25519Signatures.Generate();
        var package = Read(temp, Signed(Ed25519Signatures.Sign(TestPackages.EchoWasm, secret)));

        var e = Assert.Throws<KamiException>(() => PublishableSignature.Require(package, TestPackages.EchoWasm, "my-tool"));

        Assert.Equal(ErrorKind.SignatureRequired, e.Kind);
        Assert.Contains("code only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_SignedCodeAndManifest_ReturnsTheSignature()
    {
        using var temp = new TempDirectory();
        var (secret, publicKey) = Ed25519Signatures.Generate();
        var package = Read(temp, Signed(Ed25519Signatures.SignPackage(Kami.Packaging.Manifest.ManifestParser.Parse(TestPackages.EchoManifest).Manifest!, TestPackages.EchoWasm, secret)));

        Assert.Equal(publicKey, PublishableSignature.Require(package, TestPackages.EchoWasm, "my-tool").SignerPublicKey);
    }

    [Fact]
    public void Require_ManifestEditedAfterSigning_IsRefused()
    {
        using var temp = new TempDirectory();
        var (secret, _) = Ed25519Signatures.Generate();
        var signed = Signed(Ed25519Signatures.SignPackage(Kami.Packaging.Manifest.ManifestParser.Parse(TestPackages.EchoManifest).Manifest!, TestPackages.EchoWasm, secret));
        var package = Read(temp, signed + "\n[security]\nfs_access = \"sandbox\"\n");

        var e = Assert.Throws<KamiException>(() => PublishableSignature.Require(package, TestPackages.EchoWasm, "my-tool"));

        Assert.Equal(ErrorKind.SignatureInvalid, e.Kind);
    }

    internal static string Signed(Kami.Core.Trust.ToolSignature signature) =>
        TestPackages.EchoManifest.Replace("[tool]\n", $"[tool]\nsignature = \"{signature.Signature}\"\nsigner_public_key = \"{signature.SignerPublicKey}\"\n"
            + (signature.ManifestSignature is { } m ? $"manifest_signature = \"{m}\"\n" : ""), StringComparison.Ordinal);

    internal static LoadedPackage Read(TempDirectory temp, string manifest)
    {
        var dir = TestPackages.Directory(temp.Path, "pkg", ("tool.toml", System.Text.Encoding.UTF8.GetBytes(manifest)), ("echo.wasm", TestPackages.EchoWasm));
        return PackageReader.Read(dir, temp.Combine("scratch")).GetPackageOrThrow();
    }
}
