using System.Diagnostics;
using Kami.Core.Registry;
using Kami.TestCommon;

namespace Kami.Registry.Sqlite.Tests;

/// <summary>Two OS processes writing the same registry file: neither sees "database is locked", nothing is lost.</summary>
public sealed class ConcurrentWriterTests : IDisposable
{
    private const int ChildTools = 300;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Upsert_TwoProcessesAtOnce_AllRowsPresentNoLockErrors()
    {
        var db = _temp.Combine("registry.db");
        using var child = StartWriter(db, "dev.child", ChildTools);
        var stderr = child.StandardError.ReadToEndAsync();

        // Open (and so migrate) while the child may be doing the same, then write until the child is done.
        var registry = new SqliteToolRegistry(db);
        var parentWrites = 0;
        // The parent keeps writing until all the child's rows are in; the child stays alive until released.
        var childRows = 0;
        while ((childRows < ChildTools || parentWrites < 50) && !child.HasExited)
        {
            registry.Upsert(Tools.Make($"dev.parent.t{parentWrites}"));
            parentWrites++;
            if (parentWrites % 10 == 0) childRows = registry.List(new ToolQuery("dev.child.")).Count;
        }
        await File.WriteAllTextAsync(db + ".release", "");
        await child.WaitForExitAsync();

        Assert.Equal("", await stderr);
        Assert.True(WriterSwitches(db) >= 3, "the two processes' writes did not interleave; the test proved nothing");
        Assert.Equal(0, child.ExitCode);
        var tools = registry.List(ToolQuery.All);
        Assert.Equal(ChildTools + parentWrites, tools.Count);
        Assert.Equal(ChildTools, tools.Count(t => t.Id.Value.StartsWith("dev.child.", StringComparison.Ordinal)));
        Assert.Equal(ChildTools / 10, tools.Count(t => !t.Enabled));
        // Revision starts at 1; every upsert and every effective SetEnabled bumped it exactly once.
        Assert.Equal(1 + ChildTools + ChildTools / 10 + parentWrites, registry.ChangeStamp());
    }

    // Rows in insertion (rowid) order: each change from one writer's rows to the other's is a point where both
    // processes were writing the same file at once.
    private static int WriterSwitches(string db)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM tools ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var switches = 0;
        string? previous = null;
        while (reader.Read())
        {
            var writer = reader.GetString(0).StartsWith("dev.child.", StringComparison.Ordinal) ? "child" : "parent";
            if (previous is not null && writer != previous) switches++;
            previous = writer;
        }
        return switches;
    }

    private static Process StartWriter(string db, string prefix, int count)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "Kami.Registry.Sqlite.Tests.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", "--runtimeconfig", Path.ChangeExtension(assembly, ".runtimeconfig.json"), assembly, "write", db, prefix, count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the writer process");
    }
}
