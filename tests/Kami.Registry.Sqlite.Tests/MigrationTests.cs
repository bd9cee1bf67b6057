using System.Globalization;
using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Core.Registry.Storage;
using Kami.Core.Tools;
using Kami.TestCommon;
using Microsoft.Data.Sqlite;

namespace Kami.Registry.Sqlite.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string File => _temp.Combine("registry.db");

    private void CreateByHand(int userVersion, Action<SqliteConnection>? fill = null)
    {
        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        fill?.Invoke(connection);
        SqliteDatabase.Execute(connection, $"PRAGMA user_version = {userVersion};");
    }

    [Fact]
    public void Open_Version1Database_MigratesToLatestWithRowIntact()
    {
        var tool = Tools.Make("dev.kami.echo");
        CreateByHand(1, connection =>
        {
            SqliteDatabase.Execute(connection, Migrations.Steps[0]);
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO tools (id, name, version, description, manifest_json, wasm_sha256, install_path, enabled, installed_at, source)
                VALUES ($id, 'echo', '1.0.0', 'A tool', $manifest, $sha, $path, 0, $at, $source)
                """;
            insert.Parameters.AddWithValue("$id", tool.Id.Value);
            insert.Parameters.AddWithValue("$manifest", ManifestMapping.ToJson(tool.Manifest));
            insert.Parameters.AddWithValue("$sha", tool.WasmSha256);
            insert.Parameters.AddWithValue("$path", tool.InstallPath);
            insert.Parameters.AddWithValue("$at", tool.InstalledAt.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$source", tool.Source);
            insert.ExecuteNonQuery();
        });

        var registry = new SqliteToolRegistry(File);

        Assert.Equal(Migrations.Latest, registry.Describe().SchemaVersion);
        var found = registry.Find(tool.Id)!;
        Assert.Equal(tool.Manifest.Security, found.Manifest.Security);
        Assert.Equal(tool.Manifest.Arguments, found.Manifest.Arguments);
        Assert.Equal(tool.InstallPath, found.InstallPath);
        Assert.False(found.Enabled);
        Assert.Null(found.Signature);
        Assert.Equal(1, registry.ChangeStamp());
        registry.Upsert(tool);
        Assert.Equal(2, registry.ChangeStamp());
        var audit = new SqliteAuditLog(registry);
        audit.Record(new CallRecord("dev.kami.echo", DateTimeOffset.UtcNow, 1, "ok", 1, null, null, "stdio"));
        Assert.Single(audit.Recent(10));
    }

    [Fact]
    public void Open_FreshFile_LatestSchema()
    {
        Assert.Equal(Migrations.Latest, new SqliteToolRegistry(File).Describe().SchemaVersion);
    }

    [Fact]
    public void Open_Twice_MigrationsRunOnce()
    {
        new SqliteToolRegistry(File).Upsert(Tools.Make("dev.kami.echo"));
        var again = new SqliteToolRegistry(File);
        Assert.Equal(2, again.ChangeStamp());
        Assert.NotNull(again.Find(ToolId.Parse("dev.kami.echo")));
    }

    [Fact]
    public void Open_NewerSchemaThanKnown_ClearError()
    {
        CreateByHand(Migrations.Latest + 1, c => SqliteDatabase.Execute(c, "CREATE TABLE future (x INTEGER);"));

        var e = Assert.Throws<KamiException>(() => new SqliteToolRegistry(File));

        Assert.Equal(ErrorKind.RegistryUnavailable, e.Kind);
        Assert.Contains($"schema version {Migrations.Latest + 1}", e.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade KAMI", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NotADatabase_RegistryUnavailable()
    {
        System.IO.File.WriteAllText(File, "this is not a sqlite database, just some text that is long enough to have a header");
        var e = Assert.ThrowsAny<Exception>(() => new SqliteToolRegistry(File));
        var kami = Assert.IsType<KamiException>(e);
        Assert.Equal(ErrorKind.RegistryUnavailable, kami.Kind);
    }
}
