using Kami.Packaging.Manifest;

namespace Kami.Packaging.Tests.Manifest;

public sealed class ManifestParserDuplicateTests
{
    [Fact]
    public void Parse_DuplicateKey_Error()
    {
        var result = ManifestParser.Parse(Toml.Minimal.Replace("name = \"echo\"", "name = \"echo\"\nid = \"dev.kami.other\"", StringComparison.Ordinal));
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, p => p.Line == 4);
    }

    [Fact]
    public void Parse_DuplicateTable_Error()
    {
        var result = ManifestParser.Parse(Toml.Minimal + "[security]\nfs_access = \"sandbox\"\n[security]\nfs_access = \"none\"\n");
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, p => p.Line == 11);
    }

    [Fact]
    public void Parse_QuotedKeys_Read()
    {
        var result = ManifestParser.Parse(Toml.Minimal.Replace("id = ", "\"id\" = ", StringComparison.Ordinal));
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }
}
