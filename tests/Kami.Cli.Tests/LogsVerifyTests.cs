using System.Text.Json;
using Kami.Core.Registry;
using Kami.Registry.Sqlite;
using Microsoft.Data.Sqlite;

namespace Kami.Cli.Tests;

/// <summary><c>kami logs --verify</c>: OK on an untouched log, the broken record and exit 1 after an edit in the database.</summary>
public sealed class LogsVerifyTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Database => Path.Combine(_cli.Home, "registry.db");

    private void WriteCalls(int count)
    {
        var registry = new SqliteToolRegistry(Database);
        var log = new SqliteAuditLog(registry);
        for (var i = 1; i <= count; i++)
            log.Record(new CallRecord("dev.kami.echo", DateTimeOffset.UnixEpoch.AddSeconds(i), 1.5, "ok", 10, null, null, "stdio") { Caller = "operator" });
    }

    private void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [Fact]
    public async Task LogsVerify_Untouched_SaysOkPerChain()
    {
        WriteCalls(4);
        var result = (await _cli.RunAsync("logs", "--verify")).Ok();
        Assert.Contains("chain local: 4 records checked, OK", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsVerify_CallerEdited_NamesTheRecordAndExitsOne()
    {
        WriteCalls(4);
        Tamper("UPDATE calls SET caller = 'nobody' WHERE chain_seq = 2");

        var result = await _cli.RunAsync("logs", "--verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("chain local: 1 records checked, BROKEN at record 2 (sequence 2): edited", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsVerifyJson_MiddleDeleted_ReportsMissing()
    {
        WriteCalls(4);
        Tamper("DELETE FROM calls WHERE chain_seq = 3");

        var result = await _cli.RunAsync("logs", "--verify", "--json");

        Assert.Equal(1, result.ExitCode);
        var chain = Assert.Single(JsonDocument.Parse(result.Out).RootElement.EnumerateArray());
        Assert.False(chain.GetProperty("ok").GetBoolean());
        Assert.Equal(2, chain.GetProperty("checked").GetInt64());
        Assert.Equal("missing", chain.GetProperty("break").GetProperty("kind").GetString());
        Assert.Equal(4, chain.GetProperty("break").GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task LogsVerify_WithTool_RefusedWithWhatToDo()
    {
        var result = await _cli.RunAsync("logs", "--verify", "--tool", "dev.kami.echo");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("leave out --tool", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsVerify_EmptyLog_NothingToVerify()
    {
        Assert.Contains("nothing to verify", (await _cli.RunAsync("logs", "--verify")).Ok().Out, StringComparison.Ordinal);
    }
}
