namespace Kami.Registry.Contract.Tests;

public sealed class PostgresClientStoreContract : ClientStoreContract<PostgresAdapter>;
