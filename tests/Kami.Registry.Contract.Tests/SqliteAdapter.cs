using Kami.Core.Registry;
using Kami.Registry.Sqlite;

namespace Kami.Registry.Contract.Tests;

/// <summary>The single machine's registry: a SQLite file.</summary>
public sealed class SqliteAdapter : RegistryAdapter
{
    private string File => Scratch("registry.db");

    public override IRegistryStore Open() => new SqliteToolRegistry(File);

    public override IAuditLog AuditLog(IRegistryStore registry, int retainedCalls = AuditRetention.DefaultRetainedCalls) =>
        new SqliteAuditLog((SqliteToolRegistry)registry, retainedCalls);

    public override int Tamper(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public override (string Location, int Schema) Expected => (File, Kami.Registry.Sqlite.Migrations.Latest);
}
