using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Registry.Sqlite;

namespace Kami.Cli.Tests;

/// <summary>Issue 11, catalog scale: a long `kami list` is plain aligned text (fast), escaped like the table.</summary>
public sealed class ListManyToolsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task List_ManyTools_EveryToolOnePlainEscapedLine()
    {
        Directory.CreateDirectory(_cli.Home);
        var registry = new SqliteToolRegistry(Path.Combine(_cli.Home, "registry.db"));
        const int count = 150;
        for (var i = 0; i < count; i++)
        {
            var manifest = new ToolManifest(ToolId.Parse($"dev.many.t{i:000}"), $"t{i:000}", ToolVersion.Parse("1.0.0"), "tool.wasm",
                "evil \u001b[31mred\u001b[0m description", [], SecurityPolicy.DenyAll);
            registry.Upsert(new InstalledTool(manifest, new string('a', 64), "/nowhere", Enabled: true, DateTimeOffset.UnixEpoch, "test"));
        }

        var lines = (await _cli.RunAsync("list")).Ok().Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Equal(count + 1, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^dev\.many\.t\d{3}\s+1\.0\.0\s+yes\s+evil .*red.* description$", l));
        Assert.DoesNotContain('\u001b', string.Concat(lines));
    }
}
