using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kami.Bench.Telemetry;
using Kami.Core.Hosting;
using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Mcp.Hosting;
using Kami.Mcp.Hosting.Http;
using Kami.Mcp.Observability;
using Kami.Mcp.Tools;
using Kami.Registry.Postgres;
using Kami.Registry.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Kami.Bench.Audit;

/// <summary>
/// What the durable audit costs a call: tools/call over loopback HTTP (stateless, an executor that answers at once,
/// so the figure is KAMI's own path plus the audit), with no audit log, the old queued writer, or the durable one,
/// on SQLite (a fresh file) or PostgreSQL (the URI given).
/// </summary>
internal static class AuditCost
{
    private const string ToolIdText = "bench.kami.echo";

    public sealed record Result(double P50, double P99, double CallsPerSecond);

    public static async Task<Result> RunAsync(string store, string mode, int calls, int clients, string db)
    {
        var home = Directory.CreateTempSubdirectory("kami-bench-audit-").FullName;
        try
        {
            IAuditLog? durable = store switch
            {
                "sqlite" => new SqliteAuditLog(new SqliteToolRegistry(Path.Combine(home, "registry.db"))),
                "postgres" => new PostgresAuditLog(new PostgresToolRegistry(PostgresUri.Parse(db), Path.Combine(home, "tools")), "bench-" + Environment.ProcessId),
                _ => throw new ArgumentException($"--store {store}: use sqlite or postgres"),
            };
            var audit = mode switch
            {
                "none" => null,
                "queued" => new QueuedAuditLog(durable),
                "durable" => durable,
                _ => throw new ArgumentException($"--mode {mode}: use none, queued or durable"),
            };
            return await MeasureAsync(home, audit, calls, clients);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<Result> MeasureAsync(string home, IAuditLog? audit, int calls, int clients)
    {
        var port = FreePort();
        var options = new ServeOptions
        {
            Paths = KamiPaths.ForHome(home),
            HttpEndpoint = $"127.0.0.1:{port}",
            NoAuth = true,
            Stateless = true,
            LogLevel = LogLevel.Warning,
            Telemetry = TelemetryOptions.Off,
        };
        await using var app = HttpServer.Build(options, new OneToolRegistry(Tool()), audit,
            services => services.AddSingleton<IToolExecutor>(new AnsweringExecutor()));
        await app.StartAsync();
        var arguments = new Dictionary<string, object?> { ["text"] = "hello" };
        var perClient = calls / clients;
        var latencies = new double[perClient * clients];
        var wall = new Stopwatch();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var transport = new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri($"http://127.0.0.1:{port}{HttpServer.Path}"),
                TransportMode = HttpTransportMode.StreamableHttp,
            });
            await using var client = await McpClient.CreateAsync(transport);
            for (var i = 0; i < 200; i++) await client.CallToolAsync(ToolIdText, arguments);
            if (c == 0) wall.Start();
            for (var i = 0; i < perClient; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await client.CallToolAsync(ToolIdText, arguments);
                latencies[c * perClient + i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }));
        wall.Stop();
        await app.StopAsync();
        Array.Sort(latencies);
        return new Result(latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.99)], latencies.Length / wall.Elapsed.TotalSeconds);
    }

    private static InstalledTool Tool() =>
        new(new ToolManifest(ToolId.Parse(ToolIdText), "echo", ToolVersion.Parse("1.0.0"), "tool.wasm", "echo for the benchmark",
                [new ToolArgument("text", ArgumentType.String, "text", Required: true)], SecurityPolicy.DenyAll),
            new string('0', 64), "/nonexistent", Enabled: true, DateTimeOffset.UnixEpoch, "bench");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
