using System.Text.Json;

namespace Kami.Cli.Tests.Trust;

/// <summary>Issue 12: updates cannot escalate silently; pins; rollback keeps one previous version's files and row.</summary>
public sealed class UpdateRollbackTests : DistributionTestBase
{
    private const string MoreNetwork = "net_allow_list = [\"api.example.com\"]";

    private async Task InstallAsync(string version)
    {
        Config("");
        ServeIndex(Publish(version));
        (await Cli.RunAsync("install", "dev.kami.echo")).Ok();
    }

    private async Task<JsonElement> InspectAsync()
    {
        using var doc = JsonDocument.Parse((await Cli.RunAsync("inspect", "dev.kami.echo", "--json")).Ok().Out);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Update_VersionAskingForMore_IsRefusedWithoutYesAndShowsTheDiff()
    {
        await InstallAsync("1.0.0");
        ServeIndex(Publish("1.0.0"), Publish("1.1.0", MoreNetwork));

        var result = (await Cli.RunAsync("update", "dev.kami.echo")).UserError();

        Assert.Contains("+ network: names api.example.com", result.Out, StringComparison.Ordinal);
        Assert.Contains("asks for more than 1.0.0 (network: names api.example.com)", result.Err, StringComparison.Ordinal);
        Assert.Contains("--yes", result.Err, StringComparison.Ordinal);
        Assert.Equal("1.0.0", await InstalledVersionAsync());
        Assert.Empty((await InspectAsync()).GetProperty("policy").GetProperty("net_allow_list").EnumerateArray());
    }

    [Fact]
    public async Task Update_VersionAskingForMore_InstallsWithYes()
    {
        await InstallAsync("1.0.0");
        ServeIndex(Publish("1.1.0", MoreNetwork));

        var result = (await Cli.RunAsync("update", "dev.kami.echo", "--yes")).Ok();

        Assert.Contains("updated dev.kami.echo to 1.1.0", result.Out, StringComparison.Ordinal);
        Assert.Equal("1.1.0", await InstalledVersionAsync());
    }

    [Fact]
    public async Task Update_VersionAskingForMore_AskedAtATerminal()
    {
        await InstallAsync("1.0.0");
        ServeIndex(Publish("1.1.0", MoreNetwork));
        Cli.Interactive = true;
        Cli.Answers = "n\n";

        var refused = (await Cli.RunAsync("update", "dev.kami.echo")).UserError();
        Assert.Contains("Grant it? [y/N]", refused.Err, StringComparison.Ordinal);
        Assert.Equal("1.0.0", await InstalledVersionAsync());

        Cli.Answers = "y\n";
        (await Cli.RunAsync("update", "dev.kami.echo")).Ok();
        Assert.Equal("1.1.0", await InstalledVersionAsync());
    }

    [Fact]
    public async Task Update_VersionAskingForLess_InstallsWithoutApproval()
    {
        Config("");
        ServeIndex(Publish("1.0.0", MoreNetwork));
        (await Cli.RunAsync("install", "dev.kami.echo")).Ok();
        ServeIndex(Publish("1.1.0"));

        var result = (await Cli.RunAsync("update", "--all")).Ok();

        Assert.Contains("- network: names api.example.com", result.Out, StringComparison.Ordinal);
        Assert.Equal("1.1.0", await InstalledVersionAsync());
    }

    [Fact]
    public async Task Update_PinnedTool_IsSkippedWithANote()
    {
        await InstallAsync("1.0.0");
        (await Cli.RunAsync("pin", "dev.kami.echo", "1.0.0")).Ok();
        ServeIndex(Publish("1.1.0"));

        var result = (await Cli.RunAsync("update", "--all")).Ok();

        Assert.Contains("dev.kami.echo is pinned at 1.0.0; skipped", result.Err, StringComparison.Ordinal);
        Assert.Equal("1.0.0", await InstalledVersionAsync());
        (await Cli.RunAsync("pin", "--unpin", "dev.kami.echo")).Ok();
        (await Cli.RunAsync("update", "--all")).Ok();
        Assert.Equal("1.1.0", await InstalledVersionAsync());
    }

    [Fact]
    public async Task Pin_VersionNotInstalled_SaysWhatIsInstalled()
    {
        await InstallAsync("1.0.0");

        var result = (await Cli.RunAsync("pin", "dev.kami.echo", "2.0.0")).UserError();

        Assert.Contains("dev.kami.echo 1.0.0 is installed, not 2.0.0", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_AfterUpdate_RestoresPreviousVersionFilesAndPolicy()
    {
        await InstallAsync("1.0.0");
        var before = await InspectAsync();
        ServeIndex(Publish("1.1.0", MoreNetwork));
        (await Cli.RunAsync("update", "dev.kami.echo", "--yes")).Ok();
        Assert.Equal("1.0.0", (await InspectAsync()).GetProperty("previous_version").GetString());

        var result = (await Cli.RunAsync("rollback", "dev.kami.echo")).Ok();

        Assert.Contains("rolled back dev.kami.echo from 1.1.0 to 1.0.0", result.Out, StringComparison.Ordinal);
        var after = await InspectAsync();
        Assert.Equal("1.0.0", after.GetProperty("version").GetString());
        Assert.Equal(before.GetProperty("install_path").GetString(), after.GetProperty("install_path").GetString());
        Assert.Empty(after.GetProperty("policy").GetProperty("net_allow_list").EnumerateArray());
        Assert.Equal(Publisher.Key.Public, after.GetProperty("signer_public_key").GetString());
        (await Cli.RunAsync("exec", "dev.kami.echo", "--input", """{"text":"hi"}""")).Ok();
    }

    [Fact]
    public async Task Install_ThirdVersion_KeepsOnlyOnePreviousVersionOnDisk()
    {
        await InstallAsync("1.0.0");
        var first = (await InspectAsync()).GetProperty("install_path").GetString()!;
        ServeIndex(Publish("1.1.0"));
        (await Cli.RunAsync("update", "dev.kami.echo")).Ok();
        var second = (await InspectAsync()).GetProperty("install_path").GetString()!;
        ServeIndex(Publish("1.2.0"));
        (await Cli.RunAsync("update", "dev.kami.echo")).Ok();

        Assert.False(Directory.Exists(first));
        Assert.True(Directory.Exists(second));
        Assert.Equal("1.1.0", (await InspectAsync()).GetProperty("previous_version").GetString());
    }

    [Fact]
    public async Task Update_ToolNotInIndex_IsSkippedAndSaysSo()
    {
        (await Cli.RunAsync("install", Publisher.Directory())).Ok();
        Config("");
        ServeIndex();

        var result = (await Cli.RunAsync("update", "--all")).Ok();

        Assert.Contains("dev.kami.echo 1.0.0: not in the index; skipped", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_NothingEarlier_SaysSo()
    {
        await InstallAsync("1.0.0");

        var result = (await Cli.RunAsync("rollback", "dev.kami.echo")).UserError();

        Assert.Contains("has no earlier version to go back to", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uninstall_WithPreviousVersion_RemovesBothVersionsFiles()
    {
        await InstallAsync("1.0.0");
        ServeIndex(Publish("1.1.0"));
        (await Cli.RunAsync("update", "dev.kami.echo")).Ok();

        (await Cli.RunAsync("uninstall", "dev.kami.echo")).Ok();

        Assert.False(Directory.Exists(Path.Combine(Cli.Home, "tools", "dev.kami.echo")));
    }
}
