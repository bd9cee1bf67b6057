using ModelContextProtocol.Client;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Client options for the tests.</summary>
internal static class ClientOptions
{
    /// <summary>The revision today's MCP clients speak (initialize handshake, sessions, logging/setLevel, list_changed broadcast).</summary>
    public const string CurrentProtocol = "2025-11-25";

    public static McpClientOptions Current() => new() { ProtocolVersion = CurrentProtocol };
}
