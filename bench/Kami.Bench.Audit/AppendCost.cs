using System.Diagnostics;
using Kami.Core.Registry;
using Kami.Registry.Postgres;
using Kami.Registry.Sqlite;

namespace Kami.Bench.Audit;

/// <summary>
/// One audit record appended in its own transaction (<see cref="IAuditLog.Record"/>), timed alone: the store's share
/// of what a durable call waits for when it is the only caller (no HTTP, no MCP, no hand-off to the writer loop).
/// </summary>
internal static class AppendCost
{
    public static (double P50, double P99, double PerSecond) Run(string store, int calls, string db)
    {
        var home = Directory.CreateTempSubdirectory("kami-bench-append-").FullName;
        try
        {
            IAuditLog log = store switch
            {
                "sqlite" => new SqliteAuditLog(new SqliteToolRegistry(Path.Combine(home, "registry.db"))),
                "postgres" => new PostgresAuditLog(new PostgresToolRegistry(PostgresUri.Parse(db), Path.Combine(home, "tools")), "bench-" + Environment.ProcessId),
                _ => throw new ArgumentException($"--store {store}: use sqlite or postgres"),
            };
            var call = new CallRecord("bench.kami.echo", DateTimeOffset.UtcNow, 1, "ok", 1, null, "{\"text\":\"hello\"}", "http");
            for (var i = 0; i < 200; i++) log.Record(call);
            var latencies = new double[calls];
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                log.Record(call);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            wall.Stop();
            Array.Sort(latencies);
            return (latencies[calls / 2], latencies[(int)(calls * 0.99)], calls / wall.Elapsed.TotalSeconds);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
