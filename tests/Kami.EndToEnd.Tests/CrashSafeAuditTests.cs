using System.Text.Json;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// Issue 20 part 6: a call whose answer reached the client is in the audit log even when its server is killed with
/// SIGKILL right after that answer, on PostgreSQL (a stateless fleet replica, durable by default) and on SQLite (one
/// machine, with audit_durable); and the log it leaves verifies.
/// </summary>
public sealed class CrashSafeAuditTests : IDisposable
{
    private const int Rounds = 5;
    private const int CallsPerRound = 8;
    private readonly KamiHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Serve_PostgresKilledRightAfterTheLastAnswer_EveryAnsweredCallIsInTheLog()
    {
        var env = new Dictionary<string, string?> { ["KAMI_DB"] = PostgresServer.Instance.NewDatabase(), ["KAMI_REPLICA_ID"] = "replica-k" };
        await CallThenKillThenCountAsync(env, ["--stateless"]);
    }

    [Fact]
    public async Task Serve_SqliteDurableKilledRightAfterTheLastAnswer_EveryAnsweredCallIsInTheLog()
    {
        // One machine commits in the background unless asked; asked, it holds the same guarantee as a fleet.
        await CallThenKillThenCountAsync(new Dictionary<string, string?> { ["KAMI_AUDIT_DURABLE"] = "true" }, []);
    }

    private async Task CallThenKillThenCountAsync(Dictionary<string, string?> env, string[] serveArgs)
    {
        Assert.Equal(0, (await KamiCli.RunAsync(["install", RepoPaths.Example("echo"), "--yes", "--home", _home.Path], env)).ExitCode);
        const int total = Rounds * CallsPerRound;
        await using (var served = await HttpServedKami.StartAsync(_home, serveArgs, env))
        {
            var client = await served.ConnectAsync();
            // Calls in concurrent rounds, so records share transactions (group commit) as under real load.
            for (var round = 0; round < Rounds; round++)
            {
                var results = await Task.WhenAll(Enumerable.Range(0, CallsPerRound).Select(i =>
                    client.CallToolAsync(KamiHome.EchoId, new Dictionary<string, object?> { ["text"] = $"call {round}-{i}" }).AsTask()));
                Assert.All(results, r => Assert.NotEqual(true, r.IsError));
            }
            // The last answer is in: kill now, before any orderly shutdown could flush a queue.
            await served.KillAsync();
        }

        var logs = await KamiCli.RunAsync(["logs", "--json", "--limit", $"{total}", "--home", _home.Path], env);
        Assert.True(logs.ExitCode == 0, logs.ToString());
        var records = JsonDocument.Parse(logs.Stdout).RootElement.EnumerateArray().ToList();
        Assert.True(records.Count == total, $"{records.Count} of the {total} answered calls are in the audit log");
        Assert.All(records, r => Assert.Equal(KamiHome.EchoId, r.GetProperty("tool").GetString()));

        var verify = await KamiCli.RunAsync(["logs", "--verify", "--home", _home.Path], env);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains($"{total} records checked, OK", verify.Stdout, StringComparison.Ordinal);
    }
}
