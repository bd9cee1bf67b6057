namespace Kami.Registry.Contract.Tests;

public sealed class PostgresAuditLogContract : AuditLogContract<PostgresAdapter>;
