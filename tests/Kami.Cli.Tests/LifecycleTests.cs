using System.Text.Json;
using Kami.Core.Security;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>install → list → inspect → disable/enable → exec → uninstall, through the real command tree.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Echo => RepoPaths.Example("echo");

    [Fact]
    public async Task Inspect_CredentialConfigured_SaysSoWithoutTheValue()
    {
        (await _cli.RunAsync("install", Echo, "--yes")).Ok();
        File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), """
            [net_credentials."dev.kami.echo"."api.example.com"]
            header = "Authorization"
            value = "Bearer topsecret-value"

            [net_credentials."dev.kami.echo"."Localhost:8443"]
            header = "Authorization"
            value = "Bearer topsecret-local"
            """);

        var inspect = (await _cli.RunAsync("inspect", "dev.kami.echo")).Ok();
        var json = (await _cli.RunAsync("inspect", "dev.kami.echo", "--json")).Ok();

        Assert.Contains("configured for api.example.com, localhost:8443 (net_credentials: a host without a port means https 443 or http 80", inspect.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", inspect.Out + inspect.Err + json.Out + json.Err, StringComparison.Ordinal);
        Assert.Equal(["api.example.com", "localhost:8443"], JsonDocument.Parse(json.Out).RootElement.GetProperty("credential_hosts").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Lifecycle_EchoExample_EveryStepWorks()
    {
        var install = (await _cli.RunAsync("install", Echo)).Ok();
        Assert.Contains("installed dev.kami.echo 1.0.0", install.Out, StringComparison.Ordinal);
        var sha = Kami.Core.Security.IntegrityHash.OfFile(Path.Combine(Echo, "echo.wasm"));
        Assert.Contains(sha, install.Out, StringComparison.Ordinal);

        var list = (await _cli.RunAsync("list")).Ok();
        Assert.Contains("dev.kami.echo", list.Out, StringComparison.Ordinal);
        Assert.Contains("1.0.0", list.Out, StringComparison.Ordinal);

        var entry = Assert.Single(await ListJsonAsync());
        Assert.Equal("dev.kami.echo", entry.GetProperty("id").GetString());
        Assert.Equal("1.0.0", entry.GetProperty("version").GetString());
        Assert.True(entry.GetProperty("enabled").GetBoolean());
        Assert.StartsWith("Echoes the given text", entry.GetProperty("description").GetString(), StringComparison.Ordinal);

        var inspect = (await _cli.RunAsync("inspect", "dev.kami.echo")).Ok();
        Assert.Contains(sha, inspect.Out, StringComparison.Ordinal);
        Assert.Contains("none (default)", inspect.Out, StringComparison.Ordinal);
        Assert.Contains($"{SecurityPolicy.DefaultMaxMemoryMb} (default)", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("500,000,000 (default)", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("text: string (required)", inspect.Out, StringComparison.Ordinal);

        (await _cli.RunAsync("disable", "dev.kami.echo")).Ok();
        Assert.False(Assert.Single(await ListJsonAsync()).GetProperty("enabled").GetBoolean());
        var refused = (await _cli.RunAsync("exec", "dev.kami.echo", "--input", "{\"text\":\"hi\"}")).UserError();
        Assert.Contains("disabled", refused.Err, StringComparison.Ordinal);

        (await _cli.RunAsync("enable", "dev.kami.echo")).Ok();
        Assert.True(Assert.Single(await ListJsonAsync()).GetProperty("enabled").GetBoolean());

        var exec = (await _cli.RunAsync("exec", "dev.kami.echo", "--input", "{\"text\":\"hi there\"}", "--json")).Ok();
        using (var doc = JsonDocument.Parse(exec.Out))
        {
            Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal("{\"echo\":\"hi there\"}", doc.RootElement.GetProperty("output").GetString());
            Assert.True(doc.RootElement.GetProperty("fuel_used").GetUInt64() > 0);
        }

        var plain = (await _cli.RunAsync("exec", "dev.kami.echo", "-i", "{\"text\":\"x\"}")).Ok();
        Assert.Equal("{\"echo\":\"x\"}", plain.Out.Trim());

        var uninstall = (await _cli.RunAsync("uninstall", "dev.kami.echo")).Ok();
        Assert.Contains("uninstalled dev.kami.echo", uninstall.Out, StringComparison.Ordinal);
        Assert.Empty(await ListJsonAsync());
        Assert.Contains("no tools installed", (await _cli.RunAsync("list")).Ok().Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Home, "tools", "dev.kami.echo")));
    }

    [Fact]
    public async Task Install_Json_ReportsIdAndSha()
    {
        var result = (await _cli.RunAsync("install", Echo, "--json")).Ok();
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("dev.kami.echo", doc.RootElement.GetProperty("id").GetString());
        Assert.Matches("^[0-9a-f]{64}$", doc.RootElement.GetProperty("wasm_sha256").GetString()!);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("replaced").ValueKind);
    }

    [Fact]
    public async Task Install_SameVersionTwice_RefusedUnlessForced()
    {
        (await _cli.RunAsync("install", Echo)).Ok();
        var again = (await _cli.RunAsync("install", Echo)).UserError();
        Assert.Contains("already installed", again.Err, StringComparison.Ordinal);
        Assert.Contains("--force", again.Err, StringComparison.Ordinal);
        (await _cli.RunAsync("install", Echo, "--force")).Ok();
    }

    [Fact]
    public async Task Install_RustStyleZip_InstallsWithNote()
    {
        var zip = Path.Combine(_cli.Scratch, "plugin.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            var manifest = File.ReadAllText(Path.Combine(Echo, "tool.toml"))
                .Replace("wasm = \"echo.wasm\"", "wasm = \"target/wasm32-wasip2/release/echo.wasm\"", StringComparison.Ordinal);
            using (var w = new StreamWriter(archive.CreateEntry("tool.toml").Open())) w.Write(manifest);
            using var s = archive.CreateEntry("echo.wasm").Open();
            s.Write(File.ReadAllBytes(Path.Combine(Echo, "echo.wasm")));
        }

        var result = (await _cli.RunAsync("install", zip)).Ok();

        Assert.Contains("note:", result.Err, StringComparison.Ordinal);
        Assert.Contains("target/wasm32-wasip2/release/echo.wasm", result.Err, StringComparison.Ordinal);
        (await _cli.RunAsync("exec", "dev.kami.echo", "--input", "{\"text\":\"zip\"}")).Ok();
    }

    [Fact]
    public async Task List_Filter_OnlyMatching()
    {
        (await _cli.RunAsync("install", Echo)).Ok();
        Assert.Contains("dev.kami.echo", (await _cli.RunAsync("list", "--filter", "ECHO")).Ok().Out, StringComparison.Ordinal);
        Assert.Contains("no tools installed matching 'nothing'", (await _cli.RunAsync("list", "--filter", "nothing")).Ok().Out, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> ListJsonAsync()
    {
        var result = (await _cli.RunAsync("list", "--json")).Ok();
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
