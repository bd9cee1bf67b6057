using Kami.Runtime.Execution;
using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Tools;

/// <summary>
/// Sends a guest's log lines to the MCP client as <c>notifications/message</c> (the SDK's client logger honours
/// <c>logging/setLevel</c> and sends nothing until the client sets a level) and to the server log on stderr.
/// </summary>
internal sealed class McpGuestLogSink(ILogger clientLogger, ILogger serverLogger) : IGuestLogSink
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
        clientLogger.Log(logLevel, "[{Tool}] {Message}", toolId, message);
        serverLogger.Log(logLevel, "[{Tool}] {Message}", toolId, message);
#pragma warning restore CA1848, CA2254
    }
}
