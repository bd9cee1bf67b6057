namespace Kami.Registry.Contract.Tests;

public sealed class PostgresHistoryAndTrustContract : HistoryAndTrustContract<PostgresAdapter>;
