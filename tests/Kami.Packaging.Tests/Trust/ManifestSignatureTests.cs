using Kami.Core.Errors;
using Kami.Core.Trust;
using Kami.Packaging.Manifest;
using Kami.Packaging.Tests.Manifest;
using Kami.Packaging.Trust;

namespace Kami.Packaging.Tests.Trust;

/// <summary>Issue 12: tool.toml's [tool] signature and signer_public_key, as the Rust KAMI writes them.</summary>
public sealed class ManifestSignatureTests
{
    private static readonly string Sig = new('a', 128);
    private static readonly string Key = new('B', 64);

    private static string WithToolLines(string lines) => Toml.Minimal.Replace("wasm = \"echo.wasm\"\n", "wasm = \"echo.wasm\"\n" + lines + "\n", StringComparison.Ordinal);

    [Fact]
    public void Parse_SignatureAndKey_AreReadLowercasedWithoutWarnings()
    {
        var result = ManifestParser.Parse(WithToolLines($"signature = \"{Sig}\"\nsigner_public_key = \"{Key}\""));

        Assert.Equal(new ToolSignature(Sig, Key.ToLowerInvariant()), result.Manifest!.Signature);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Parse_SignatureWithoutKey_IsAnErrorOnTheField()
    {
        var result = ManifestParser.Parse(WithToolLines($"signature = \"{Sig}\""));

        Assert.Null(result.Manifest);
        var problem = Assert.Single(result.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal("tool.signer_public_key", problem.Field);
    }

    [Fact]
    public void Parse_ShortSignature_IsAnErrorWithItsLine()
    {
        var result = ManifestParser.Parse(WithToolLines($"signature = \"abc\"\nsigner_public_key = \"{Key}\""));

        var problem = Assert.Single(result.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal("tool.signature", problem.Field);
        Assert.Equal(6, problem.Line);
    }

    [Fact]
    public void With_ExistingSignature_ReplacesItAndKeepsEveryOtherLine()
    {
        var toml = WithToolLines("# a comment\nsignature = \"old\"\nsigner_public_key = \"old\"");
        var signature = new ToolSignature(Sig, Key.ToLowerInvariant());

        var written = ManifestSignatureWriter.With(toml, signature);

        Assert.Equal(signature, ManifestParser.Parse(written).Manifest!.Signature);
        Assert.DoesNotContain("\"old\"", written, StringComparison.Ordinal);
        Assert.Contains("# a comment", written, StringComparison.Ordinal);
        Assert.Contains("description = \"Echoes\"", written, StringComparison.Ordinal);
    }
}
