using Kami.Core.Errors;
using Kami.Registry.Postgres;
using Kami.TestCommon;

namespace Kami.Registry.Contract.Tests;

/// <summary>N replicas starting at once on an empty database migrate it exactly once (advisory lock).</summary>
public sealed class PostgresMigrationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Open_ManyReplicasAtOnceOnAnEmptyDatabase_EveryOneOpensAndTheSchemaIsMadeOnce()
    {
        var uri = PostgresServer.Instance.NewDatabase();
        using var go = new ManualResetEventSlim();
        var replicas = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            go.Wait();
            using var registry = new PostgresToolRegistry(PostgresUri.Parse(uri), _temp.Combine("tools"));
            return registry.Describe().SchemaVersion;
        })).ToList();
        go.Set();

        var versions = await Task.WhenAll(replicas);

        Assert.All(versions, v => Assert.Equal(PostgresMigrations.Latest, v));
        Assert.Equal(1L, PostgresServer.Scalar(uri, "SELECT count(*) FROM kami_schema"));
        Assert.Equal(1L, PostgresServer.Scalar(uri, "SELECT count(*) FROM meta"));
    }

    [Fact]
    public void Open_NewerSchemaThanKnown_ClearErrorNamingTheServer()
    {
        var uri = PostgresServer.Instance.NewDatabase();
        using (new PostgresToolRegistry(PostgresUri.Parse(uri), _temp.Combine("tools"))) { }
        PostgresServer.Execute(uri, "UPDATE kami_schema SET version = 99");

        var e = Assert.Throws<KamiException>(() => new PostgresToolRegistry(PostgresUri.Parse(uri), _temp.Combine("tools")));

        Assert.Equal(ErrorKind.RegistryUnavailable, e.Kind);
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade KAMI", e.Message, StringComparison.Ordinal);
    }
}
