using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Registry.Sqlite;
using Kami.TestCommon;

namespace Kami.Registry.Sqlite.Tests;

/// <summary>A package's prompts and resources survive the registry: what install records is what the server serves.</summary>
public sealed class PackageContentStorageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Record_PromptsAndResources_ReadBackWhole()
    {
        var registry = new SqliteToolRegistry(_temp.Combine("registry.db"));
        var manifest = new ToolManifest(ToolId.Parse("dev.kami.docs"), "docs", ToolVersion.Parse("1.0.0"), "docs.wasm", "docs", [], SecurityPolicy.DenyAll)
        {
            Prompts = [new PackagePrompt("greet", "Greets", ["who"], "Hello, {who}!") { Image = ("image/png", "iVBORw0KGgo="), Resource = ("{who}", "text/plain", "about") }],
            Resources = [new PackageResource("docs://item/{id}", "item", "An item", "application/json") { Text = "{\"id\":\"{id}\"}" },
                new PackageResource("docs://logo", "logo", "", "image/png") { BlobBase64 = "iVBORw0KGgo=" }],
        };
        registry.Upsert(new InstalledTool(manifest, new string('a', 64), "/tools/docs", true, DateTimeOffset.UnixEpoch, "test"));

        var read = registry.Find(ToolId.Parse("dev.kami.docs"))!.Manifest;

        var prompt = Assert.Single(read.Prompts);
        Assert.Equal(manifest.Prompts[0], prompt with { Arguments = manifest.Prompts[0].Arguments });
        Assert.Equal(["who"], prompt.Arguments);
        Assert.Equal(manifest.Resources, read.Resources);
    }
}
