namespace Kami.Registry.Contract.Tests;

public sealed class SqliteAuditChainContract : AuditChainContract<SqliteAdapter>;
