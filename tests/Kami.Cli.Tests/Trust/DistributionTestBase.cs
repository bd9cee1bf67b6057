namespace Kami.Cli.Tests.Trust;

/// <summary>A temp KAMI home, a loopback server for the index and packages, and a publisher with its own key.</summary>
public abstract class DistributionTestBase : IAsyncLifetime
{
    private protected CliHarness Cli { get; } = new();
    private protected LoopbackServer Server { get; private set; } = null!;
    private protected Publisher Publisher { get; }

    protected DistributionTestBase() => Publisher = new Publisher(Cli.Scratch);

    public async Task InitializeAsync() => Server = await LoopbackServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Cli.Dispose();
    }

    private protected string IndexUrl => Server.Url("/index.json");

    private protected void Config(string toml)
    {
        Directory.CreateDirectory(Cli.Home);
        File.WriteAllText(Path.Combine(Cli.Home, "config.toml"), $"index_url = \"{IndexUrl}\"\n" + toml);
    }

    /// <summary>Publishes dev.kami.echo at a version: its zip at /echo-VERSION.zip and an index entry signed by the publisher.</summary>
    private protected string Publish(string version, string security = "")
    {
        var zip = Publisher.Zip(Publisher.Directory(version, security));
        Server.MapBytes($"/echo-{version}.zip", zip);
        return Publisher.Entry(version, Server.Url($"/echo-{version}.zip"), Publisher.Sha(Publisher.EchoWasm), Publisher.Sign(Publisher.EchoWasm));
    }

    private protected void ServeIndex(params string[] entries) => Server.MapText("/index.json", Publisher.Index(entries));

    private protected async Task<string?> InstalledVersionAsync()
    {
        var list = (await Cli.RunAsync("list", "--json")).Ok().Out;
        using var doc = System.Text.Json.JsonDocument.Parse(list);
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("version").GetString()).FirstOrDefault();
    }

    /// <summary>Nothing half-installed: no row, no files under tools/ beyond the (empty) staging area.</summary>
    private protected async Task AssertNothingInstalledAsync()
    {
        Assert.Null(await InstalledVersionAsync());
        var tools = Path.Combine(Cli.Home, "tools");
        if (!Directory.Exists(tools)) return;
        Assert.DoesNotContain(Directory.GetDirectories(tools), d => Path.GetFileName(d) != ".staging");
        var staging = Path.Combine(tools, ".staging");
        if (Directory.Exists(staging)) Assert.Empty(Directory.GetFileSystemEntries(staging));
    }
}
