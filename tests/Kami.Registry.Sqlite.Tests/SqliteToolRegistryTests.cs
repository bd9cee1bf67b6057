using Kami.Core.Registry;
using Kami.Core.Tools;
using Kami.TestCommon;

namespace Kami.Registry.Sqlite.Tests;

/// <summary>What only the SQLite adapter promises; the registry contract itself is in Kami.Registry.Contract.Tests.</summary>
public sealed class SqliteToolRegistryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly SqliteToolRegistry _registry;

    public SqliteToolRegistryTests() => _registry = new SqliteToolRegistry(_temp.Combine("sub", "registry.db"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_JournalModeIsWal()
    {
        using var connection = _registry.Database.Open();
        Assert.Equal("wal", SqliteDatabase.Scalar(connection, "PRAGMA journal_mode"));
    }
}
