namespace Kami.Registry.Contract.Tests;

public sealed class SqliteClientStoreContract : ClientStoreContract<SqliteAdapter>;
