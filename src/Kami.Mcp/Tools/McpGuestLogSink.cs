using Kami.Runtime.Execution;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Tools;

/// <summary>
/// Sends a guest's log lines to the server log on stderr and, once the client has asked for logs with
/// <c>logging/setLevel</c> (and at that level), to the client as <c>notifications/message</c>. Nothing is built for the client
/// until it has asked: most calls of most sessions never need it.
/// </summary>
internal sealed class McpGuestLogSink(McpServer server, ILogger serverLogger) : IGuestLogSink
{
    public void Log(string toolId, GuestLogLevel level, string message)
    {
        var logLevel = level switch
        {
            GuestLogLevel.Trace => LogLevel.Trace,
            GuestLogLevel.Debug => LogLevel.Debug,
            GuestLogLevel.Info => LogLevel.Information,
            GuestLogLevel.Warn => LogLevel.Warning,
            _ => LogLevel.Error,
        };
#pragma warning disable CA1848, CA2254 // guest text is the message itself, not a template
        serverLogger.Log(logLevel, "[{Tool}] {Message}", toolId, message);
        if (ClientWants) ClientLogger(toolId).Log(logLevel, "[{Tool}] {Message}", toolId, message);
#pragma warning restore CA1848, CA2254
    }

#pragma warning disable MCP9005 // client logging is deprecated in MCP 2026-07-28 but is what today's clients show
    // The SDK's client logger applies the client's level; until the client sets one it would send nothing anyway.
    private bool ClientWants => server.LoggingLevel is not null;

    private ILogger ClientLogger(string toolId) => server.AsClientLoggerProvider().CreateLogger(toolId);
#pragma warning restore MCP9005
}
