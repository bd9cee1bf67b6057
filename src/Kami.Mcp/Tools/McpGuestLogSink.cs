using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kami.Core.Text;
using Kami.Runtime.Contracts;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Tools;

#pragma warning disable MCP9005 // client logging is deprecated in MCP 2026-07-28, yet it is what today's clients show, and 2026-07-28 keeps a per-request form of it

/// <summary>
/// Sends a guest's log lines to the server log on stderr and, when the client asked for them, to the client as
/// <c>notifications/message</c>: on protocol 2026-07-28 a request asks for its own (its <c>_meta</c> log level);
/// before that, <c>logging/setLevel</c> sets a level for the session. Nothing is built for the client until it
/// has asked: most calls of most sessions never need it.
/// </summary>
internal sealed class McpGuestLogSink(McpServer server, LoggingLevel? requestLevel, ILogger serverLogger) : IGuestLogSink
{
    private static readonly JsonTypeInfo<string> TextType = (JsonTypeInfo<string>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(string));

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
        // The server log is read on a terminal: a guest's escape sequences must not reach it raw.
        serverLogger.Log(logLevel, "[{Tool}] {Message}", toolId, TerminalText.Escape(message));
        if (requestLevel is { } wanted) SendForThisRequest(toolId, level, message, wanted);
        else if (SessionWants) ClientLogger(toolId).Log(logLevel, "[{Tool}] {Message}", toolId, message);
#pragma warning restore CA1848, CA2254
    }

    // Sent through the request's own server object, so over HTTP it travels on that request's response stream.
    private void SendForThisRequest(string toolId, GuestLogLevel level, string message, LoggingLevel wanted)
    {
        var mcpLevel = level switch
        {
            GuestLogLevel.Trace or GuestLogLevel.Debug => LoggingLevel.Debug,
            GuestLogLevel.Info => LoggingLevel.Info,
            GuestLogLevel.Warn => LoggingLevel.Warning,
            _ => LoggingLevel.Error,
        };
        if (mcpLevel < wanted) return;
        var notification = new LoggingMessageNotificationParams
        {
            Level = mcpLevel,
            Logger = toolId,
            Data = JsonSerializer.SerializeToElement($"[{toolId}] {message}", TextType),
        };
        // Fire and forget, as the SDK's own client logger does: a log line must never hold up or fail the call.
        _ = server.SendNotificationAsync(NotificationMethods.LoggingMessageNotification, notification, McpJsonUtilities.DefaultOptions)
            .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    // The SDK's client logger applies the session's level; until the client sets one it would send nothing anyway.
    private bool SessionWants => server.LoggingLevel is not null;

    private ILogger ClientLogger(string toolId) => server.AsClientLoggerProvider().CreateLogger(toolId);
}
