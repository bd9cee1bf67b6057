using Kami.Core.Registry;
using Kami.Core.Tools;

namespace Kami.Registry.Contract.Tests;

/// <summary>What every registry adapter guarantees about tools: the same tests, run once per adapter.</summary>
public abstract class ToolRegistryContract<TAdapter> : IDisposable where TAdapter : RegistryAdapter, new()
{
    private readonly TAdapter _adapter = new();
    private readonly IRegistryStore _registry;
    private readonly ToolFiles _tools;

    protected ToolRegistryContract()
    {
        _registry = _adapter.Open();
        _tools = new ToolFiles(_adapter.ToolsDirectory);
    }

    public void Dispose()
    {
        _adapter.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Upsert_ThenFind_RoundTripsEveryField()
    {
        var tool = _tools.Make("dev.kami.echo") with { Signature = new string('b', 128), SignerPublicKey = new string('c', 64), ManifestSignature = new string('d', 128) };
        Assert.Null(_registry.Upsert(tool));

        var found = _registry.Find(ToolId.Parse("dev.kami.echo"))!;
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
        _registry.Upsert(_tools.Make("dev.kami.echo"));
        Assert.NotNull(_registry.Find(ToolId.Parse("DEV.Kami.ECHO")));
        Assert.Null(_registry.Find(ToolId.Parse("dev.kami.other")));
    }

    [Fact]
    public void Upsert_Existing_ReplacesAndReturnsPrevious()
    {
        _registry.Upsert(_tools.Make("dev.kami.echo", "1.0.0"));
        var previous = _registry.Upsert(_tools.Make("dev.kami.echo", "1.1.0"));
        Assert.Equal("1.0.0", previous!.Manifest.Version.ToString());
        Assert.Equal("1.1.0", _registry.Find(ToolId.Parse("dev.kami.echo"))!.Manifest.Version.ToString());
        Assert.Single(_registry.List(ToolQuery.All));
    }

    [Fact]
    public void Upsert_DifferentCaseId_ReplacesSameRow()
    {
        _registry.Upsert(_tools.Make("dev.kami.echo", "1.0.0"));
        Assert.NotNull(_registry.Upsert(_tools.Make("Dev.Kami.Echo", "1.1.0")));
        Assert.Equal("Dev.Kami.Echo", Assert.Single(_registry.List(ToolQuery.All)).Id.Value);
    }

    [Fact]
    public void SetEnabled_TogglesAndReportsMissing()
    {
        var id = ToolId.Parse("dev.kami.echo");
        _registry.Upsert(_tools.Make("dev.kami.echo"));
        Assert.True(_registry.SetEnabled(id, false));
        Assert.False(_registry.Find(id)!.Enabled);
        Assert.True(_registry.SetEnabled(id, true));
        Assert.True(_registry.Find(id)!.Enabled);
        Assert.False(_registry.SetEnabled(ToolId.Parse("dev.kami.none"), true));
    }

    [Fact]
    public void Remove_ReturnsRemovedThenNull()
    {
        _registry.Upsert(_tools.Make("dev.kami.echo"));
        Assert.Equal("dev.kami.echo", _registry.Remove(ToolId.Parse("dev.kami.echo"))!.Id.Value);
        Assert.Null(_registry.Find(ToolId.Parse("dev.kami.echo")));
        Assert.Null(_registry.Remove(ToolId.Parse("dev.kami.echo")));
    }

    [Fact]
    public void List_SortedById()
    {
        _registry.Upsert(_tools.Make("dev.kami.zeta"));
        _registry.Upsert(_tools.Make("dev.kami.alpha"));
        _registry.Upsert(_tools.Make("dev.kami.Mid"));
        Assert.Equal(["dev.kami.alpha", "dev.kami.Mid", "dev.kami.zeta"], _registry.List(ToolQuery.All).Select(t => t.Id.Value));
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
        _registry.Upsert(_tools.Make("dev.kami.echo", description: "Echoes text"));
        _registry.Upsert(_tools.Make("dev.kami.hash-compute", description: "Compute SHA-256 or SHA-512"));
        _registry.Upsert(_tools.Make("dev.kami.percent", description: "Shows 100% of it"));
        _registry.Upsert(_tools.Make("dev.kami.under_score", description: "Plain"));
        Assert.Equal(expected, _registry.List(new ToolQuery(filter)).Select(t => t.Id.Value));
    }

    [Fact]
    public void List_FilterMatchesName()
    {
        _registry.Upsert(_tools.Make("dev.kami.x", name: "Fetcher", description: "d"));
        Assert.Single(_registry.List(new ToolQuery("fetch")));
    }

    [Fact]
    public void List_EnabledOnly_SkipsDisabled()
    {
        _registry.Upsert(_tools.Make("dev.kami.on"));
        _registry.Upsert(_tools.Make("dev.kami.off", enabled: false));
        Assert.Equal(["dev.kami.on"], _registry.List(new ToolQuery(EnabledOnly: true)).Select(t => t.Id.Value));
        Assert.Empty(_registry.List(new ToolQuery("off", EnabledOnly: true)));
        Assert.Equal(2, _registry.List(ToolQuery.All).Count);
    }

    [Fact]
    public void ChangeStamp_IncrementsOnEveryWriteOnly()
    {
        var id = ToolId.Parse("dev.kami.echo");
        var stamps = new List<long> { _registry.ChangeStamp() };
        _registry.Upsert(_tools.Make("dev.kami.echo"));
        stamps.Add(_registry.ChangeStamp());
        _registry.Upsert(_tools.Make("dev.kami.echo", "2.0.0"));
        stamps.Add(_registry.ChangeStamp());
        _registry.SetEnabled(id, false);
        stamps.Add(_registry.ChangeStamp());
        _registry.SetEnabled(id, true);
        stamps.Add(_registry.ChangeStamp());
        _registry.Remove(id);
        stamps.Add(_registry.ChangeStamp());
        Assert.Equal(Enumerable.Range((int)stamps[0], 6).Select(i => (long)i), stamps);

        // Reads and no-op writes leave it alone.
        _registry.List(ToolQuery.All);
        _registry.SetEnabled(id, true);
        _registry.Remove(id);
        Assert.Equal(stamps[^1], _registry.ChangeStamp());
    }

    [Fact]
    public void ChangeStamp_SeenByAnotherInstance()
    {
        var other = _adapter.Open();
        var before = other.ChangeStamp();
        _registry.Upsert(_tools.Make("dev.kami.echo"));
        Assert.Equal(before + 1, other.ChangeStamp());
        Assert.NotNull(other.Find(ToolId.Parse("dev.kami.echo")));
    }

    [Fact]
    public void ReferencedInstallPaths_EveryRow()
    {
        _registry.Upsert(_tools.Make("dev.kami.a"));
        _registry.Upsert(_tools.Make("dev.kami.b", enabled: false));
        Assert.Equal(new HashSet<string> { _tools.Make("dev.kami.a").InstallPath, _tools.Make("dev.kami.b").InstallPath }, _registry.ReferencedInstallPaths());
    }

    [Fact]
    public void Describe_CountsAndSchema()
    {
        _registry.Upsert(_tools.Make("dev.kami.a"));
        _registry.Upsert(_tools.Make("dev.kami.b", enabled: false));
        var info = _registry.Describe();
        Assert.Equal(_adapter.Expected.Location, info.Location);
        Assert.Equal(_adapter.Expected.Schema, info.SchemaVersion);
        Assert.Equal(2, info.ToolCount);
        Assert.Equal(1, info.EnabledCount);
    }

    [Fact]
    public async Task Upsert_ManyWritersAtOnce_EveryRowPresentAndEveryWriteCounted()
    {
        var before = _registry.ChangeStamp();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            var registry = _adapter.Open();
            for (var i = 0; i < 10; i++) registry.Upsert(_tools.Make($"dev.kami.w{w}-{i}"));
        }));
        await Task.WhenAll(writers);
        Assert.Equal(40, _registry.List(ToolQuery.All).Count);
        Assert.Equal(before + 40, _registry.ChangeStamp());
    }
}
