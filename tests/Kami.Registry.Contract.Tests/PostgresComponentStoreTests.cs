using Kami.Core.Errors;
using Kami.Core.Registry;
using Kami.Registry.Postgres;
using Kami.TestCommon;

namespace Kami.Registry.Contract.Tests;

/// <summary>Components in the shared database: a replica with an empty disk gets exactly the pinned bytes, or nothing.</summary>
public sealed class PostgresComponentStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _uri = PostgresServer.Instance.NewDatabase();

    public void Dispose() => _temp.Dispose();

    private PostgresToolRegistry Replica(string name) => new(PostgresUri.Parse(_uri), _temp.Combine(name, "tools"));

    [Fact]
    public void EnsureLocal_EmptyDisk_FetchesThePinnedBytesIntoItsOwnToolsDirectory()
    {
        using var a = Replica("a");
        var tool = new ToolFiles(a.ToolsDirectory).Make("dev.kami.echo");
        a.Upsert(tool);
        using var b = Replica("b");

        var seen = b.Find(tool.Id)!;
        Assert.StartsWith(b.ToolsDirectory, seen.WasmFile, StringComparison.Ordinal);
        Assert.False(File.Exists(seen.WasmFile));
        new PostgresComponentStore(b).EnsureLocal(seen.WasmSha256, seen.WasmFile);

        Assert.Equal(ToolFiles.Component("dev.kami.echo", "1.0.0"), File.ReadAllBytes(seen.WasmFile));
        if (!OperatingSystem.IsWindows()) Assert.Equal(Kami.Core.Hosting.PrivateFiles.FileMode, File.GetUnixFileMode(seen.WasmFile));
    }

    [Fact]
    public void EnsureLocal_BlobTamperedInTheDatabase_RefusedAndNothingWritten()
    {
        using var a = Replica("a");
        var tool = new ToolFiles(a.ToolsDirectory).Make("dev.kami.echo");
        a.Upsert(tool);
        PostgresServer.Execute(_uri, "UPDATE components SET bytes = @evil", ("evil", "evil component"u8.ToArray()));
        using var b = Replica("b");
        var seen = b.Find(tool.Id)!;

        var e = Assert.Throws<KamiException>(() => new PostgresComponentStore(b).EnsureLocal(seen.WasmSha256, seen.WasmFile));

        Assert.Equal(ErrorKind.IntegrityMismatch, e.Kind);
        Assert.False(File.Exists(seen.WasmFile));
        var directory = Path.GetDirectoryName(seen.WasmFile)!;
        Assert.True(!Directory.Exists(directory) || Directory.GetFiles(directory).Length == 0);
    }

    [Fact]
    public void Upsert_FileNotMatchingItsPin_RefusedBeforeAnythingIsRecorded()
    {
        using var a = Replica("a");
        var tool = new ToolFiles(a.ToolsDirectory).Make("dev.kami.echo");
        File.WriteAllText(tool.WasmFile, "swapped after hashing");

        Assert.Equal(ErrorKind.PackageInvalid, Assert.Throws<KamiException>(() => a.Upsert(tool)).Kind);
        Assert.Null(a.Find(tool.Id));
        Assert.Equal(0L, PostgresServer.Scalar(_uri, "SELECT count(*) FROM components"));
    }

    [Fact]
    public void Remove_LastReference_DropsTheComponent()
    {
        using var a = Replica("a");
        var files = new ToolFiles(a.ToolsDirectory);
        a.UpsertKeepingPrevious(files.Make("dev.kami.echo", "1.0.0"));
        a.UpsertKeepingPrevious(files.Make("dev.kami.echo", "2.0.0"));
        a.UpsertKeepingPrevious(files.Make("dev.kami.echo", "3.0.0"));
        Assert.Equal(2L, PostgresServer.Scalar(_uri, "SELECT count(*) FROM components"));

        a.Remove(Kami.Core.Tools.ToolId.Parse("dev.kami.echo"));

        Assert.Equal(0L, PostgresServer.Scalar(_uri, "SELECT count(*) FROM components"));
    }

    [Fact]
    public void Find_RowPointingOutsideTheToolsDirectory_Refused()
    {
        using var a = Replica("a");
        a.Upsert(new ToolFiles(a.ToolsDirectory).Make("dev.kami.echo"));
        PostgresServer.Execute(_uri, "UPDATE tools SET install_path = '../../../etc'");

        Assert.Equal(ErrorKind.RegistryUnavailable, Assert.Throws<KamiException>(() => a.Find(Kami.Core.Tools.ToolId.Parse("dev.kami.echo"))).Kind);
    }

    [Fact]
    public void AuditLog_EachReplicaStampsItsId_AndEveryReplicaReadsTheFleetsLog()
    {
        using var a = Replica("a");
        using var b = Replica("b");
        var call = new CallRecord("dev.kami.echo", DateTimeOffset.UnixEpoch, 1, "ok", 1, null, null, "http");
        new PostgresAuditLog(a, "replica-a").Record(call);
        new PostgresAuditLog(b, "replica-b").Record(call);

        Assert.Equal(["replica-b", "replica-a"], new PostgresAuditLog(a, "replica-a").Recent(10).Select(c => c.ReplicaId));
    }
}
