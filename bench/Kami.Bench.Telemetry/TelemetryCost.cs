using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kami.Core.Hosting;
using Kami.Core.Registry;
using Kami.Core.Security;
using Kami.Core.Tools;
using Kami.Mcp.Hosting;
using Kami.Mcp.Hosting.Http;
using Kami.Mcp.Observability;
using Kami.Mcp.Tools;
using Kami.Runtime.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Kami.Bench.Telemetry;

/// <summary>
/// What telemetry adds to a call: tools/call over real loopback HTTP (stateless, an executor that answers at once, so
/// the figure is KAMI's own path), and the instrumentation alone (the span and the metrics of one call).
/// </summary>
internal static class TelemetryCost
{
    private const string ToolIdText = "bench.kami.echo";

    public sealed record Result(double HttpMicrosecondsPerCall, double InstrumentationNanosecondsPerCall);

    public static async Task<Result> RunAsync(string mode, int calls)
    {
        var telemetry = mode switch
        {
            "off" => TelemetryOptions.Off,
            "prometheus" => new TelemetryOptions { Prometheus = true },
            // Nothing listens there: spans are made, batched and their export fails, as with a collector that is down.
            "otlp" => new TelemetryOptions { Prometheus = true, Otlp = true },
            _ => throw new ArgumentException($"--mode {mode}: use off, prometheus or otlp"),
        };
        if (telemetry.Otlp) Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317");
        var tool = Tool();
        var port = FreePort();
        var options = new ServeOptions
        {
            Paths = KamiPaths.ForHome(Path.Combine(Path.GetTempPath(), "kami-bench-telemetry")),
            HttpEndpoint = $"127.0.0.1:{port}",
            NoAuth = true,
            Stateless = true,
            LogLevel = LogLevel.Warning,
            Telemetry = telemetry,
        };
        await using var app = HttpServer.Build(options, new OneToolRegistry(tool), auditLog: null,
            services => services.AddSingleton<IToolExecutor>(new AnsweringExecutor()));
        await app.StartAsync();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}{HttpServer.Path}"),
            TransportMode = HttpTransportMode.StreamableHttp,
        });
        await using var client = await McpClient.CreateAsync(transport);
        var arguments = new Dictionary<string, object?> { ["text"] = "hello" };
        for (var i = 0; i < 200; i++) await client.CallToolAsync(ToolIdText, arguments);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) await client.CallToolAsync(ToolIdText, arguments);
        var http = clock.Elapsed.TotalMicroseconds / calls;

        // The instrumentation alone, with this process's listeners (none when off).
        using var metrics = new KamiMetrics();
        var result = ExecutionMetrics.Empty with { FuelUsed = 1000, QueueWait = TimeSpan.FromMilliseconds(1) };
        const int Iterations = 200_000;
        for (var i = 0; i < 10_000; i++) Instrument(tool, metrics, result);
        clock.Restart();
        for (var i = 0; i < Iterations; i++) Instrument(tool, metrics, result);
        var instrumentation = clock.Elapsed.TotalNanoseconds / Iterations;
        await app.StopAsync();
        return new Result(http, instrumentation);
    }

    private static void Instrument(InstalledTool tool, KamiMetrics metrics, ExecutionMetrics result)
    {
        using var span = KamiTracing.StartCall(tool, meta: null);
        KamiTracing.Complete(span, "ok", failed: false, result, 0.05);
        metrics.Record(tool.Id.Value, "ok", 0.05, result.FuelUsed);
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
