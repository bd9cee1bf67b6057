using Kami.Registry.Postgres;
using Kami.TestCommon;

namespace Kami.Registry.Contract.Tests;

/// <summary>LISTEN/NOTIFY: a write on one replica wakes every other replica's watcher, without waiting for a poll.</summary>
public sealed class PostgresChangeSignalTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _uri = PostgresServer.Instance.NewDatabase();

    public void Dispose() => _temp.Dispose();

    private PostgresToolRegistry Replica(string name) => new(PostgresUri.Parse(_uri), _temp.Combine(name, "tools"));

    [Fact]
    public async Task NextChange_AnotherReplicaWrites_CompletesAtOnce()
    {
        using var a = Replica("a");
        using var b = Replica("b");
        // The first wait starts the listener and is completed once it listens (a change may have been missed before).
        await b.NextChange().WaitAsync(TimeSpan.FromSeconds(10));
        var next = b.NextChange();
        Assert.False(next.IsCompleted);

        var written = System.Diagnostics.Stopwatch.StartNew();
        a.Upsert(new ToolFiles(a.ToolsDirectory).Make("dev.kami.echo"));
        await next.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(written.Elapsed < TimeSpan.FromSeconds(1), $"the notification took {written.Elapsed}");
        Assert.False(b.NextChange().IsCompleted);
    }

    [Fact]
    public async Task NextChange_ListeningConnectionKilled_ReconnectsAndSignalsAgain()
    {
        using var a = Replica("a");
        using var b = Replica("b");
        await b.NextChange().WaitAsync(TimeSpan.FromSeconds(10));
        var afterDrop = b.NextChange();

        // What a server restart or a network cut does to the listening connection.
        PostgresServer.Execute(_uri, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()");
        await afterDrop.WaitAsync(TimeSpan.FromSeconds(10));

        var next = b.NextChange();
        a.Upsert(new ToolFiles(a.ToolsDirectory).Make("dev.kami.echo"));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
