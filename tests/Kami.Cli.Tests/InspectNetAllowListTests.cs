using System.Text.Json;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>kami inspect shows what a tool may reach after the operator's [net_allow_list], and what it declared.</summary>
public sealed class InspectNetAllowListTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>The echo example with a network allow-list, installed.</summary>
    private async Task InstallEchoWithHostsAsync()
    {
        var package = Path.Combine(_cli.Scratch, "echo-net");
        Directory.CreateDirectory(package);
        foreach (var file in Directory.GetFiles(RepoPaths.Example("echo")))
            File.Copy(file, Path.Combine(package, Path.GetFileName(file)));
        var toml = Path.Combine(package, "tool.toml");
        var text = File.ReadAllText(toml);
        text = text.Contains("[security]", StringComparison.Ordinal)
            ? text.Replace("[security]", "[security]\nnet_allow_list = [\"api.github.com\", \"*.example.com\"]", StringComparison.Ordinal)
            : text + "\n[security]\nnet_allow_list = [\"api.github.com\", \"*.example.com\"]\n";
        File.WriteAllText(toml, text);
        (await _cli.RunAsync("install", package, "--yes")).Ok();
    }

    private void Config(string toml) => File.WriteAllText(Path.Combine(_cli.Home, "config.toml"), toml);

    [Fact]
    public async Task Inspect_Narrowed_ShowsEffectiveDeclaredAndIgnoredButNeverTheCredential()
    {
        await InstallEchoWithHostsAsync();
        Config("""
            [net_allow_list]
            "dev.kami.echo" = ["api.example.com", "evil.org"]

            [net_credentials."dev.kami.echo"."api.example.com"]
            header = "Authorization"
            value = "Bearer topsecret-value"
            """);

        var inspect = (await _cli.RunAsync("inspect", "dev.kami.echo")).Ok();
        var json = (await _cli.RunAsync("inspect", "dev.kami.echo", "--json")).Ok();

        Assert.Contains("api.example.com (narrowed by [net_allow_list] in config.toml)", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("api.github.com, *.example.com", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("evil.org ([net_allow_list] narrows, never widens", inspect.Out, StringComparison.Ordinal);
        Assert.Contains("configured for api.example.com", inspect.Out, StringComparison.Ordinal);
        var policy = JsonDocument.Parse(json.Out).RootElement.GetProperty("policy");
        Assert.Equal(["api.example.com"], policy.GetProperty("net_allow_list").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["api.github.com", "*.example.com"], policy.GetProperty("declared_net_allow_list").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["evil.org"], policy.GetProperty("ignored_operator_entries").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("topsecret", inspect.Out + inspect.Err + json.Out + json.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_EmptyOverride_ShowsNone()
    {
        await InstallEchoWithHostsAsync();
        Config("[net_allow_list]\n\"dev.kami.echo\" = []\n");

        var inspect = (await _cli.RunAsync("inspect", "dev.kami.echo")).Ok();
        var json = (await _cli.RunAsync("inspect", "dev.kami.echo", "--json")).Ok();

        Assert.Contains("none (narrowed by [net_allow_list] in config.toml)", inspect.Out, StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(json.Out).RootElement.GetProperty("policy").GetProperty("net_allow_list").GetArrayLength());
    }

    [Fact]
    public async Task Inspect_NotNarrowed_ShowsDeclaredListOnly()
    {
        await InstallEchoWithHostsAsync();

        var json = (await _cli.RunAsync("inspect", "dev.kami.echo", "--json")).Ok();

        var policy = JsonDocument.Parse(json.Out).RootElement.GetProperty("policy");
        Assert.Equal(2, policy.GetProperty("net_allow_list").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, policy.GetProperty("declared_net_allow_list").ValueKind);
    }
}
