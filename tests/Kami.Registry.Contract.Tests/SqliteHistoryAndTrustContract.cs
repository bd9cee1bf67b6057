namespace Kami.Registry.Contract.Tests;

public sealed class SqliteHistoryAndTrustContract : HistoryAndTrustContract<SqliteAdapter>;
