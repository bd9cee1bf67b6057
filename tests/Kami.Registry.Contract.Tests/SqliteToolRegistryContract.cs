namespace Kami.Registry.Contract.Tests;

public sealed class SqliteToolRegistryContract : ToolRegistryContract<SqliteAdapter>;
