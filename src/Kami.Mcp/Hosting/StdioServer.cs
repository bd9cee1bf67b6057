using Kami.Core.Registry;
using Kami.Mcp.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting;

/// <summary>
/// <c>kami serve</c> over stdio. Standard output belongs to JSON-RPC alone: anything else that writes to
/// Console.Out is redirected to stderr, and logs go to stderr.
/// </summary>
public static class StdioServer
{
    /// <summary>Serves MCP on stdin/stdout until <paramref name="cancellation"/> or the host stops; redirects <see cref="Console.Out"/> to stderr for the whole process.</summary>
    public static async Task RunAsync(ServeOptions options, IToolRegistry registry, IAuditLog? auditLog, CancellationToken cancellation)
    {
        Console.SetOut(Console.Error);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        ServerLogging.Configure(builder.Logging, options.LogLevel);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.Configuration.AddInMemoryCollection(Observability.KamiTelemetry.OtelVariables());
        builder.Services.AddKamiTelemetry(options.Telemetry with { Prometheus = false }, aspNetCore: false);
        builder.Services.AddKamiMcp(options, registry, auditLog, "stdio").WithStdioServerTransport();
        using var host = builder.Build();
        await host.RunAsync(cancellation).ConfigureAwait(false);
    }
}
