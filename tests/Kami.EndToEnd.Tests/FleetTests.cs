using System.Text.Json;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// Two machines (two KAMI homes) sharing one PostgreSQL registry (issue 20): a tool installed on one is served by the
/// other from an empty disk, its uninstall reaches the other, the audit log is the fleet's, and the password in the
/// URI appears in no output.
/// </summary>
public sealed class FleetTests : IDisposable
{
    private const string Password = "fleet-Secret-42";
    private readonly KamiHome _a = new();
    private readonly KamiHome _b = new();
    private readonly string _uri;
    private readonly List<string> _outputs = [];

    public FleetTests()
    {
        // The test cluster trusts loopback, so any password is accepted: what matters is that it never shows.
        var database = PostgresServer.Instance.NewDatabase();
        _uri = database.Replace("postgresql://kami@", $"postgresql://kami:{Password}@", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    private Dictionary<string, string?> Env(string replica) => new() { ["KAMI_DB"] = _uri, ["KAMI_REPLICA_ID"] = replica };

    private async Task<CliResult> Kami(KamiHome home, string replica, params string[] args)
    {
        var result = await KamiCli.RunAsync([.. args, "--home", home.Path], Env(replica));
        _outputs.Add(result.Output);
        Assert.True(result.ExitCode == 0, $"kami {string.Join(' ', args)} failed: {result}");
        return result;
    }

    [Fact]
    public async Task InstallOnOne_OtherServesFromAnEmptyDisk_UninstallReachesIt_LogsAreTheFleets()
    {
        await Kami(_a, "replica-a", "install", RepoPaths.Example("echo"), "--yes");
        Assert.Contains(KamiHome.EchoId, (await Kami(_b, "replica-b", "list")).Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_b.Path, "tools")));

        var token = new string('t', 40);
        var tokenFile = _b.WriteFile("token", token);
        await using (var served = await HttpServedKami.StartAsync(_b, ["--stateless", "--token-file", tokenFile], Env("replica-b"), clientToken: token))
        {
            var client = await served.ConnectAsync();
            Assert.Contains(KamiHome.EchoId, (await client.ListToolsAsync()).Select(t => t.Name));
            var result = await client.CallToolAsync(KamiHome.EchoId, new Dictionary<string, object?> { ["text"] = "from b" });
            Assert.NotEqual(true, result.IsError);
            Assert.Contains("from b", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);

            await Kami(_a, "replica-a", "uninstall", KamiHome.EchoId);
            // The server picks the change up on its next look at the registry (polled twice a second).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while ((await client.ListToolsAsync()).Any(t => t.Name == KamiHome.EchoId))
            {
                Assert.True(DateTime.UtcNow < deadline, "the uninstall on replica a did not reach replica b's tools/list within 10 s");
                await Task.Delay(100);
            }
            _outputs.Add(served.Stderr);
        }

        var logs = JsonDocument.Parse((await Kami(_a, "replica-a", "logs", "--json", "--limit", "5")).Stdout).RootElement;
        var call = Assert.Single(logs.EnumerateArray());
        Assert.Equal(KamiHome.EchoId, call.GetProperty("tool").GetString());
        Assert.Equal("replica-b", call.GetProperty("replica").GetString());

        _outputs.Add((await Kami(_b, "replica-b", "status")).Output);
        Assert.All(_outputs, output => Assert.DoesNotContain(Password, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstallOnOne_SessionOnTheOtherGetsListChangedWithinASecond()
    {
        await using var served = await HttpServedKami.StartAsync(_b, [], Env("replica-b"));
        var notes = new Notifications();
        var client = await served.ConnectAsync(notes.Options);
        Assert.Empty(await client.ListToolsAsync());
        // The catalog has synced once and the listener is up when the first tools/list is answered; then install elsewhere.
        var changed = notes.WaitAsync(NotificationMethods.ToolListChangedNotification);

        await Kami(_a, "replica-a", "install", RepoPaths.Example("echo"), "--yes");
        var installed = System.Diagnostics.Stopwatch.StartNew();
        await changed;

        Assert.True(installed.Elapsed < TimeSpan.FromSeconds(1), $"list_changed came {installed.Elapsed} after the install finished");
        Assert.Contains(KamiHome.EchoId, (await client.ListToolsAsync()).Select(t => t.Name));
    }

    [Fact]
    public async Task RateLimit_TwoReplicasAt32Way_AcceptTheLimitForTheFleetNotPerReplica()
    {
        const int Limit = 120;
        await Kami(_a, "replica-a", "install", RepoPaths.Example("echo"), "--yes");
        var token = new string('r', 40);
        IReadOnlyDictionary<string, string?> Limited(string replica) => new Dictionary<string, string?>(Env(replica)) { ["KAMI_RATE_LIMIT_PER_MINUTE"] = $"{Limit}" };
        await using var a = await HttpServedKami.StartAsync(_a, ["--stateless", "--token-file", _a.WriteFile("token", token)], Limited("replica-a"), clientToken: token);
        await using var b = await HttpServedKami.StartAsync(_b, ["--stateless", "--token-file", _b.WriteFile("token", token)], Limited("replica-b"), clientToken: token);
        // 32 clients, half on each replica, share 3 × Limit attempts as fast as they can.
        var clients = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => (i % 2 == 0 ? a : b).ConnectAsync()));
        int attempts = 0, accepted = 0, refused = 0;
        await Task.WhenAll(clients.Select(async client =>
        {
            while (Interlocked.Increment(ref attempts) <= 3 * Limit)
            {
                var result = await client.CallToolAsync(KamiHome.EchoId, new Dictionary<string, object?> { ["text"] = "x" });
                if (result.IsError != true) Interlocked.Increment(ref accepted);
                else if (Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text.Contains($"rate limited to {Limit} calls per minute", StringComparison.Ordinal))
                    Interlocked.Increment(ref refused);
            }
        }));

        // Per replica it would be 2 × Limit. A burst crossing a minute boundary may take up to Limit/60 a second more
        // (the sliding minute, as the token bucket would): within 10 % while the burst lasts under 6 s.
        Assert.InRange(accepted, Limit * 9 / 10, Limit * 11 / 10);
        Assert.Equal(3 * Limit, accepted + refused);
    }

    [Fact]
    public async Task Unreachable_OneLineSayingWhatAndWhatToDo_NoPassword()
    {
        var result = await KamiCli.RunAsync(["list", "--home", _a.Path],
            new Dictionary<string, string?> { ["KAMI_DB"] = $"postgresql://kami:{Password}@127.0.0.1:1/kami" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain(Password, result.Output, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }
}
