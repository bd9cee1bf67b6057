using System.Text.Json;

namespace Kami.Cli.Tests.Trust;

/// <summary>Issue 12: install by id, by URL and by GitHub shorthand, through one verified download path.</summary>
public sealed class InstallFromIndexTests : DistributionTestBase
{
    [Fact]
    public async Task InstallById_SignedIndexEntry_InstallsNewestAndRecordsSignerAndSource()
    {
        Config("");
        ServeIndex(Publish("1.0.0"), Publish("1.2.0"));

        var result = (await Cli.RunAsync("install", "dev.kami.echo")).Ok();

        Assert.Contains("installed dev.kami.echo 1.2.0", result.Out, StringComparison.Ordinal);
        Assert.Contains("signature verified", result.Err, StringComparison.Ordinal);
        using var inspect = JsonDocument.Parse((await Cli.RunAsync("inspect", "dev.kami.echo", "--json")).Ok().Out);
        Assert.Equal(Publisher.Key.Public, inspect.RootElement.GetProperty("signer_public_key").GetString());
        Assert.StartsWith("index dev.kami.echo@1.2.0 (" + Server.Url("/echo-1.2.0.zip"), inspect.RootElement.GetProperty("source").GetString(), StringComparison.Ordinal);
        var text = (await Cli.RunAsync("inspect", "dev.kami.echo")).Ok().Out;
        Assert.Contains(Publisher.Key.Public, text, StringComparison.Ordinal);
        (await Cli.RunAsync("exec", "dev.kami.echo", "--input", """{"text":"hi"}""")).Ok();
    }

    [Fact]
    public async Task InstallById_AtVersion_InstallsThatVersion()
    {
        Config("");
        ServeIndex(Publish("1.0.0"), Publish("1.2.0"));

        (await Cli.RunAsync("install", "dev.kami.echo@1.0.0")).Ok();

        Assert.Equal("1.0.0", await InstalledVersionAsync());
    }

    [Fact]
    public async Task InstallByUrl_WithMatchingSha256_Installs()
    {
        var zip = Publisher.Zip(Publisher.Directory());
        Server.MapBytes("/plugin.zip", zip);

        var result = (await Cli.RunAsync("install", Server.Url("/plugin.zip"), "--sha256", Publisher.Sha(zip))).Ok();

        Assert.Contains("installed dev.kami.echo 1.0.0", result.Out, StringComparison.Ordinal);
        Assert.Contains("signer none (unsigned)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallByUrl_WrongSha256_InstallsNothing()
    {
        Server.MapBytes("/plugin.zip", Publisher.Zip(Publisher.Directory()));

        var result = (await Cli.RunAsync("install", Server.Url("/plugin.zip"), "--sha256", new string('a', 64))).UserError();

        Assert.Contains("does not match the expected sha256", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallById_TamperedPackage_IsRefusedAndInstallsNothing()
    {
        Config("");
        var tampered = (byte[])Publisher.EchoWasm.Clone();
        tampered[^1] ^= 0xff;
        Server.MapBytes("/echo.zip", Publisher.Zip(Publisher.Directory(wasm: tampered)));
        ServeIndex(Publisher.Entry("1.0.0", Server.Url("/echo.zip"), Publisher.Sha(Publisher.EchoWasm), Publisher.Sign(Publisher.EchoWasm)));

        var result = (await Cli.RunAsync("install", "dev.kami.echo")).UserError();

        Assert.Contains("does not match the expected sha256", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallById_BadHashInIndex_IsRefusedAndInstallsNothing()
    {
        Config("");
        Server.MapBytes("/echo.zip", Publisher.Zip(Publisher.Directory()));
        ServeIndex(Publisher.Entry("1.0.0", Server.Url("/echo.zip"), new string('0', 64), Publisher.Sign(Publisher.EchoWasm)));

        var result = (await Cli.RunAsync("install", "dev.kami.echo")).UserError();

        Assert.Contains("does not match the expected sha256 " + new string('0', 64), result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallById_IndexEntryWithoutHash_IsRefused()
    {
        Config("");
        Server.MapBytes("/echo.zip", Publisher.Zip(Publisher.Directory()));
        ServeIndex(Publisher.Entry("1.0.0", Server.Url("/echo.zip"), null, Publisher.Sign(Publisher.EchoWasm)));

        var result = (await Cli.RunAsync("install", "dev.kami.echo")).UserError();

        Assert.Contains("has no valid wasm_sha256", result.Err, StringComparison.Ordinal);
        Assert.Equal(0, Server.Hits.GetValueOrDefault("/echo.zip"));
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallById_IndexPointsAtAnotherTool_IsRefused()
    {
        Config("");
        Server.MapBytes("/echo.zip", Publisher.Zip(Publisher.Directory()));
        ServeIndex(Publisher.Entry("1.0.0", Server.Url("/echo.zip"), Publisher.Sha(Publisher.EchoWasm), null, id: "dev.kami.other"));

        var result = (await Cli.RunAsync("install", "dev.kami.other")).UserError();

        Assert.Contains("the index lists dev.kami.other 1.0.0, but the package it points at is dev.kami.echo 1.0.0", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallById_NotInIndex_SaysSo()
    {
        Config("");
        ServeIndex(Publish("1.0.0"));

        var result = (await Cli.RunAsync("install", "dev.kami.missing")).UserError();

        Assert.Contains("the index has no dev.kami.missing", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallById_NoIndexConfigured_SaysHowToConfigureOne()
    {
        var result = (await Cli.RunAsync("install", "dev.kami.echo")).UserError();

        Assert.Contains("dev.kami.echo is not a package that exists here, and no registry index is configured", result.Err, StringComparison.Ordinal);
    }
}
