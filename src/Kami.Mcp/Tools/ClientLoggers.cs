using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Tools;

/// <summary>
/// Client loggers made once per session and tool rather than on every call. The SDK's client logger honours
/// the level the client set with logging/setLevel, and sends nothing until one is set.
/// </summary>
internal static class ClientLoggers
{
    private static readonly ConditionalWeakTable<McpServer, Session> Sessions = [];

    public static ILogger For(McpServer server, string toolId)
    {
        var session = Sessions.GetValue(server, static s => new Session(s));
        return session.Loggers.GetOrAdd(toolId, static (id, provider) => provider.CreateLogger(id), session.Provider);
    }

    private sealed class Session(McpServer server)
    {
#pragma warning disable MCP9005 // client logging is deprecated in MCP 2026-07-28 but is what today's clients show
        public ILoggerProvider Provider { get; } = server.AsClientLoggerProvider();
#pragma warning restore MCP9005
        public ConcurrentDictionary<string, ILogger> Loggers { get; } = new(StringComparer.Ordinal);
    }
}
