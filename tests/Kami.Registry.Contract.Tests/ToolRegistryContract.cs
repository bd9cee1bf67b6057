using Kami.Core.Registry;
using Kami.Core.Tools;

namespace Kami.Registry.Contract.Tests;

/// <summary>What every registry adapter guarantees about tools: the same tests, run once per adapter.</summary>
public abstract class ToolRegistryContract<TAdapter> : ContractTest<TAdapter> where TAdapter : RegistryAdapter, new()
{

    [Fact]
    public void Upsert_ThenFind_RoundTripsEveryField()
    {
        var tool = Tools.Make("dev.kami.echo") with { Signature = new string('b', 128), SignerPublicKey = new string('c', 64), ManifestSignature = new string('d', 128) };
        Assert.Null(Registry.Upsert(tool));

        var found = Registry.Find(ToolId.Parse("dev.kami.echo"))!;
        Assert.Equal(tool.Manifest.Id, found.Manifest.Id);
        Assert.Equal(tool.Manifest.Name, found.Manifest.Name);
        Assert.Equal(tool.Manifest.Version.ToString(), found.Manifest.Version.ToString());
        Assert.Equal(tool.Manifest.WasmPath, found.Manifest.WasmPath);
        Assert.Equal(tool.Manifest.Description, found.Manifest.Description);
        Assert.Equal(tool.Manifest.Arguments, found.Manifest.Arguments);
        Assert.Equal(tool.Manifest.Security, found.Manifest.Security);
        Assert.True(found.Manifest.AllowsAdditionalArguments);
        Assert.Equal(tool.WasmSha256, found.WasmSha256);
        Assert.Equal(tool.InstallPath, found.InstallPath);
        Assert.Equal(tool.Enabled, found.Enabled);
        Assert.Equal(tool.InstalledAt, found.InstalledAt);
        Assert.Equal(tool.Source, found.Source);
        Assert.Equal(tool.Signature, found.Signature);
        Assert.Equal(tool.SignerPublicKey, found.SignerPublicKey);
        Assert.Equal(tool.ManifestSignature, found.ManifestSignature);
        Assert.False(found.Pinned);
    }

    [Fact]
    public void Find_DifferentCase_Found()
    {
        Registry.Upsert(Tools.Make("dev.kami.echo"));
        Assert.NotNull(Registry.Find(ToolId.Parse("DEV.Kami.ECHO")));
        Assert.Null(Registry.Find(ToolId.Parse("dev.kami.other")));
    }

    [Fact]
    public void Upsert_Existing_ReplacesAndReturnsPrevious()
    {
        Registry.Upsert(Tools.Make("dev.kami.echo", "1.0.0"));
        var previous = Registry.Upsert(Tools.Make("dev.kami.echo", "1.1.0"));
        Assert.Equal("1.0.0", previous!.Manifest.Version.ToString());
        Assert.Equal("1.1.0", Registry.Find(ToolId.Parse("dev.kami.echo"))!.Manifest.Version.ToString());
        Assert.Single(Registry.List(ToolQuery.All));
    }

    [Fact]
    public void Upsert_DifferentCaseId_ReplacesSameRow()
    {
        Registry.Upsert(Tools.Make("dev.kami.echo", "1.0.0"));
        Assert.NotNull(Registry.Upsert(Tools.Make("Dev.Kami.Echo", "1.1.0")));
        Assert.Equal("Dev.Kami.Echo", Assert.Single(Registry.List(ToolQuery.All)).Id.Value);
    }

    [Fact]
    public void SetEnabled_TogglesAndReportsMissing()
    {
        var id = ToolId.Parse("dev.kami.echo");
        Registry.Upsert(Tools.Make("dev.kami.echo"));
        Assert.True(Registry.SetEnabled(id, false));
        Assert.False(Registry.Find(id)!.Enabled);
        Assert.True(Registry.SetEnabled(id, true));
        Assert.True(Registry.Find(id)!.Enabled);
        Assert.False(Registry.SetEnabled(ToolId.Parse("dev.kami.none"), true));
    }

    [Fact]
    public void Remove_ReturnsRemovedThenNull()
    {
        Registry.Upsert(Tools.Make("dev.kami.echo"));
        Assert.Equal("dev.kami.echo", Registry.Remove(ToolId.Parse("dev.kami.echo"))!.Id.Value);
        Assert.Null(Registry.Find(ToolId.Parse("dev.kami.echo")));
        Assert.Null(Registry.Remove(ToolId.Parse("dev.kami.echo")));
    }

    [Fact]
    public void List_SortedById()
    {
        Registry.Upsert(Tools.Make("dev.kami.zeta"));
        Registry.Upsert(Tools.Make("dev.kami.alpha"));
        Registry.Upsert(Tools.Make("dev.kami.Mid"));
        Assert.Equal(["dev.kami.alpha", "dev.kami.Mid", "dev.kami.zeta"], Registry.List(ToolQuery.All).Select(t => t.Id.Value));
    }

    [Theory]
    [InlineData("ECHO", new[] { "dev.kami.echo" })]
    [InlineData("hash", new[] { "dev.kami.hash-compute" })]
    [InlineData("sha-256", new[] { "dev.kami.hash-compute" })]
    [InlineData("kami", new[] { "dev.kami.echo", "dev.kami.hash-compute", "dev.kami.percent", "dev.kami.under_score" })]
    [InlineData("%", new[] { "dev.kami.percent" })]
    [InlineData("_", new[] { "dev.kami.under_score" })]
    [InlineData("\\", new string[0])]
    [InlineData("nothing", new string[0])]
    public void List_Filter_CaseInsensitiveSubstringWithWildcardsEscaped(string filter, string[] expected)
    {
        Registry.Upsert(Tools.Make("dev.kami.echo", description: "Echoes text"));
        Registry.Upsert(Tools.Make("dev.kami.hash-compute", description: "Compute SHA-256 or SHA-512"));
        Registry.Upsert(Tools.Make("dev.kami.percent", description: "Shows 100% of it"));
        Registry.Upsert(Tools.Make("dev.kami.under_score", description: "Plain"));
        Assert.Equal(expected, Registry.List(new ToolQuery(filter)).Select(t => t.Id.Value));
    }

    [Fact]
    public void List_FilterMatchesName()
    {
        Registry.Upsert(Tools.Make("dev.kami.x", name: "Fetcher", description: "d"));
        Assert.Single(Registry.List(new ToolQuery("fetch")));
    }

    [Fact]
    public void List_EnabledOnly_SkipsDisabled()
    {
        Registry.Upsert(Tools.Make("dev.kami.on"));
        Registry.Upsert(Tools.Make("dev.kami.off", enabled: false));
        Assert.Equal(["dev.kami.on"], Registry.List(new ToolQuery(EnabledOnly: true)).Select(t => t.Id.Value));
        Assert.Empty(Registry.List(new ToolQuery("off", EnabledOnly: true)));
        Assert.Equal(2, Registry.List(ToolQuery.All).Count);
    }

    [Fact]
    public void ChangeStamp_IncrementsOnEveryWriteOnly()
    {
        var id = ToolId.Parse("dev.kami.echo");
        var stamps = new List<long> { Registry.ChangeStamp() };
        Registry.Upsert(Tools.Make("dev.kami.echo"));
        stamps.Add(Registry.ChangeStamp());
        Registry.Upsert(Tools.Make("dev.kami.echo", "2.0.0"));
        stamps.Add(Registry.ChangeStamp());
        Registry.SetEnabled(id, false);
        stamps.Add(Registry.ChangeStamp());
        Registry.SetEnabled(id, true);
        stamps.Add(Registry.ChangeStamp());
        Registry.Remove(id);
        stamps.Add(Registry.ChangeStamp());
        Assert.Equal(Enumerable.Range((int)stamps[0], 6).Select(i => (long)i), stamps);

        // Reads and no-op writes leave it alone.
        Registry.List(ToolQuery.All);
        Registry.SetEnabled(id, true);
        Registry.Remove(id);
        Assert.Equal(stamps[^1], Registry.ChangeStamp());
    }

    [Fact]
    public void ChangeStamp_SeenByAnotherInstance()
    {
        var other = Adapter.Open();
        var before = other.ChangeStamp();
        Registry.Upsert(Tools.Make("dev.kami.echo"));
        Assert.Equal(before + 1, other.ChangeStamp());
        Assert.NotNull(other.Find(ToolId.Parse("dev.kami.echo")));
    }

    [Fact]
    public void ReferencedInstallPaths_EveryRow()
    {
        Registry.Upsert(Tools.Make("dev.kami.a"));
        Registry.Upsert(Tools.Make("dev.kami.b", enabled: false));
        Assert.Equal(new HashSet<string> { Tools.Make("dev.kami.a").InstallPath, Tools.Make("dev.kami.b").InstallPath }, Registry.ReferencedInstallPaths());
    }

    [Fact]
    public void Describe_CountsAndSchema()
    {
        Registry.Upsert(Tools.Make("dev.kami.a"));
        Registry.Upsert(Tools.Make("dev.kami.b", enabled: false));
        var info = Registry.Describe();
        Assert.Equal(Adapter.Expected.Location, info.Location);
        Assert.Equal(Adapter.Expected.Schema, info.SchemaVersion);
        Assert.Equal(2, info.ToolCount);
        Assert.Equal(1, info.EnabledCount);
    }

    [Fact]
    public async Task Upsert_ManyWritersAtOnce_EveryRowPresentAndEveryWriteCounted()
    {
        var before = Registry.ChangeStamp();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            var registry = Adapter.Open();
            for (var i = 0; i < 10; i++) registry.Upsert(Tools.Make($"dev.kami.w{w}-{i}"));
        }));
        await Task.WhenAll(writers);
        Assert.Equal(40, Registry.List(ToolQuery.All).Count);
        Assert.Equal(before + 40, Registry.ChangeStamp());
    }
}
