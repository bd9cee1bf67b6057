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
    private RegistryConnection(IRegistryStore registry, IAuditLog auditLog, IComponentStore components, Kami.Core.Identity.IQuotaCounter? quotas = null)
    {
        Registry = registry;
        AuditLog = auditLog;
        Components = components;
        Quotas = quotas;
    }

    public IRegistryStore Registry { get; }
    public IAuditLog AuditLog { get; }
    public IComponentStore Components { get; }

    /// <summary>Quota counters the fleet shares (PostgreSQL); null on one machine, where the server counts in memory.</summary>
    public Kami.Core.Identity.IQuotaCounter? Quotas { get; }

    /// <summary>
    /// Fetches the tool's component onto this machine when the store has it and this machine does not (a fleet
    /// replica that never ran it); one the store cannot give stays missing, for the caller's own "files are gone" check.
    /// </summary>
    public void TryEnsureLocal(InstalledTool tool)
    {
        try
        {
            Components.EnsureLocal(tool.WasmSha256, tool.WasmFile);
        }
        catch (Kami.Core.Errors.KamiException)
        {
            // Missing or not matching its hash in the shared store: nothing is written, and the caller reports it.
        }
    }

    public static RegistryConnection Open(KamiSettings settings)
    {
        if (settings.DatabaseUri is { } uri)
        {
            var shared = new PostgresToolRegistry(PostgresUri.Parse(uri), settings.Paths.Tools);
            return new RegistryConnection(shared, new PostgresAuditLog(shared, settings.ReplicaId), new PostgresComponentStore(shared),
                new PostgresQuotaCounter(shared, TimeProvider.System));
        }
        var local = new SqliteToolRegistry(settings.Paths.Database);
        return new RegistryConnection(local, new SqliteAuditLog(local), LocalComponentStore.Instance);
    }
}
