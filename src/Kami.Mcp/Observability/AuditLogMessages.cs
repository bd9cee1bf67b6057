using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Observability;

/// <summary>The server log entries of the audit buffer. Event ids 3000-3099 stay stable.</summary>
internal static partial class AuditLogMessages
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "dropped {Count} audit records ({Total} in all): the audit queue was full (at most {MaxRecords} records, {MaxBytes} bytes)")]
    public static partial void RecordsDropped(ILogger logger, long count, long total, int maxRecords, long maxBytes);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "could not write {Count} audit records to the registry: {Reason}")]
    public static partial void WriteFailed(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug,
        Message = "tool {ToolId} made {Requests} outbound requests ({BytesSent} body bytes sent, {BytesReceived} received): {Hops}")]
    public static partial void OutboundHttp(ILogger logger, string toolId, int requests, long bytesSent, long bytesReceived, string hops);
}
