namespace Kami.Cli.Tests.Trust;

/// <summary>Issue 12: kami search ranks the index and caches it; offline, the cached copy is used and the user told.</summary>
public sealed class SearchTests : DistributionTestBase
{
    private void ServeTwoTools() => ServeIndex(
        Publisher.Entry("1.0.0", Server.Url("/a.zip"), Publisher.Sha(Publisher.EchoWasm), null, id: "dev.kami.hash-compute")
            .Replace("Echoes the given text back", "Compute a hash of echo text", StringComparison.Ordinal),
        Publish("1.0.0"));

    [Fact]
    public async Task Search_IdMatchRanksAboveDescriptionMatch()
    {
        Config("");
        ServeTwoTools();

        var lines = (await Cli.RunAsync("search", "echo")).Ok().Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("dev.kami.echo 1.0.0", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("dev.kami.hash-compute 1.0.0 (unsigned)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithinTtl_UsesTheCachedIndex()
    {
        Config("");
        ServeTwoTools();

        (await Cli.RunAsync("search", "echo")).Ok();
        (await Cli.RunAsync("search", "hash", "--json")).Ok();

        Assert.Equal(1, Server.Hits["/index.json"]);
    }

    [Fact]
    public async Task Search_IndexUnreachable_UsesCacheAndSaysOffline()
    {
        Config("");
        ServeTwoTools();
        (await Cli.RunAsync("search", "echo")).Ok();
        Server.Map("/index.json", context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });

        var result = (await Cli.RunAsync("search", "echo", "--refresh")).Ok();

        Assert.Contains("offline: could not reach the index", result.Err, StringComparison.Ordinal);
        Assert.Contains("dev.kami.echo", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_IndexUnreachableWithoutCache_FailsClearly()
    {
        var result = (await Cli.RunAsync("search", "echo", "--index", Server.Url("/none.json"))).UserError();

        Assert.Contains("HTTP 404", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("installed", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_MalformedIndex_SaysWhatIsWrong()
    {
        Server.MapText("/bad.json", "{\"not\": \"an array\"}");

        var result = (await Cli.RunAsync("search", "echo", "--index", Server.Url("/bad.json"))).UserError();

        Assert.Contains("is not a JSON array of packages", result.Err, StringComparison.Ordinal);
    }
}
