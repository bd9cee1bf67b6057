using Kami.Core.Registry;
using Kami.Registry.Postgres;
using Kami.TestCommon;

namespace Kami.Registry.Contract.Tests;

/// <summary>The fleet's registry: a fresh database on the test run's private PostgreSQL.</summary>
public sealed class PostgresAdapter : RegistryAdapter
{
    private readonly List<PostgresToolRegistry> _opened = [];

    public string Uri { get; } = PostgresServer.Instance.NewDatabase();

    public override IRegistryStore Open()
    {
        var registry = new PostgresToolRegistry(PostgresUri.Parse(Uri), ToolsDirectory);
        lock (_opened) _opened.Add(registry);
        return registry;
    }

    public override IAuditLog AuditLog(IRegistryStore registry, int retainedCalls = AuditRetention.DefaultRetainedCalls) =>
        new PostgresAuditLog((PostgresToolRegistry)registry, "replica-a", retainedCalls);

    public override int Tamper(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(PostgresUri.Parse(Uri).Settings.ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return command.ExecuteNonQuery();
    }

    public override (string Location, int Schema) Expected => (Uri, PostgresMigrations.Latest);

    public override void Dispose()
    {
        foreach (var registry in _opened) registry.Dispose();
        base.Dispose();
    }
}
