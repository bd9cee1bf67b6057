using Kami.Core.Errors;
using Kami.Core.Tools;
using Kami.Packaging.Distribution;

namespace Kami.Packaging.Tests.Distribution;

/// <summary>Issue 12: the Rust KAMI's index format; malformed entries are left out, not fatal.</summary>
public sealed class RegistryIndexTests
{
    private const string Json = """
        [
          {"id": "dev.kami.echo", "name": "echo", "version": "1.0.0", "description": "Echo", "download_url": "https://x/e1.zip", "wasm_sha256": null},
          {"id": "dev.kami.echo", "name": "echo", "version": "1.10.0", "description": "Echo", "download_url": "https://x/e110.zip"},
          {"id": "dev.kami.echo", "name": "echo", "version": "1.9.0", "description": "Echo", "download_url": "https://x/e19.zip"},
          {"id": "bad id!", "version": "1.0.0", "download_url": "https://x/bad.zip"},
          {"id": "dev.kami.noversion", "version": "one", "download_url": "https://x/n.zip"},
          {"id": "dev.kami.nourl", "version": "1.0.0", "download_url": "not a url"}
        ]
        """;

    [Fact]
    public void Parse_MalformedEntries_AreCountedAndLeftOut()
    {
        var index = RegistryIndex.Parse(Json, "test");

        Assert.Equal(3, index.Entries.Count);
        Assert.Equal(3, index.Skipped);
    }

    [Fact]
    public void Find_WithoutVersion_PicksTheNewestBySemver()
    {
        var index = RegistryIndex.Parse(Json, "test");

        Assert.Equal("1.10.0", index.Find(ToolId.Parse("dev.kami.echo"), null)!.Version);
        Assert.Equal("1.9.0", index.Find(ToolId.Parse("dev.kami.echo"), ToolVersion.Parse("1.9.0"))!.Version);
        Assert.Null(index.Find(ToolId.Parse("dev.kami.echo"), ToolVersion.Parse("2.0.0")));
    }

    [Fact]
    public void Search_ListsEachToolOnceAtItsNewestVersion()
    {
        var found = Assert.Single(RegistryIndex.Parse(Json, "test").Search("ECHO"));

        Assert.Equal("1.10.0", found.Version);
    }

    [Fact]
    public void Parse_NotAnArray_SaysWhereAndWhat()
    {
        var error = Assert.Throws<KamiException>(() => RegistryIndex.Parse("{}", "https://x/index.json"));

        Assert.Contains("the index at https://x/index.json is not a JSON array of packages", error.Message, StringComparison.Ordinal);
    }
}
