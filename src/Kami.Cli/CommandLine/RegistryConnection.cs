using Kami.Cli.Configuration;
using Kami.Core.Registry;
using Kami.Registry.Postgres;
using Kami.Registry.Sqlite;

namespace Kami.Cli.CommandLine;

/// <summary>
/// The registry adapter the <c>db</c> setting selects, with its audit log and component store: a path (or nothing)
/// keeps the single machine's SQLite file and the install's own files; a <c>postgresql://</c> URI shares tools,
/// trust, history, audit and components with every replica using the same database.
/// </summary>
internal sealed class RegistryConnection
{
    private RegistryConnection(IRegistryStore registry, IAuditLog auditLog, IComponentStore components)
    {
        Registry = registry;
        AuditLog = auditLog;
        Components = components;
    }

    public IRegistryStore Registry { get; }
    public IAuditLog AuditLog { get; }
    public IComponentStore Components { get; }

    public static RegistryConnection Open(KamiSettings settings)
    {
        if (settings.DatabaseUri is { } uri)
        {
            var shared = new PostgresToolRegistry(PostgresUri.Parse(uri), settings.Paths.Tools);
            return new RegistryConnection(shared, new PostgresAuditLog(shared, settings.ReplicaId), new PostgresComponentStore(shared));
        }
        var local = new SqliteToolRegistry(settings.Paths.Database);
        return new RegistryConnection(local, new SqliteAuditLog(local), LocalComponentStore.Instance);
    }
}
