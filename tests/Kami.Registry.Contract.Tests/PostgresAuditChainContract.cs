namespace Kami.Registry.Contract.Tests;

public sealed class PostgresAuditChainContract : AuditChainContract<PostgresAdapter>;
