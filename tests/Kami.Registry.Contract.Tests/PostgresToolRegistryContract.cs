namespace Kami.Registry.Contract.Tests;

public sealed class PostgresToolRegistryContract : ToolRegistryContract<PostgresAdapter>;
