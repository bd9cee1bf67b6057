namespace Kami.Registry.Contract.Tests;

public sealed class SqliteAuditLogContract : AuditLogContract<SqliteAdapter>;
