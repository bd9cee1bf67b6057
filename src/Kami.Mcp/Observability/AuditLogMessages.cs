using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Observability;

/// <summary>The server log entries of the audit writer. Event ids 3000-3099 stay stable.</summary>
internal static partial class AuditLogMessages
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "dropped {Count} audit records ({Total} in all): the audit queue was full (at most {MaxRecords} records, {MaxBytes} bytes)")]
    public static partial void RecordsDropped(ILogger logger, long count, long total, int maxRecords, long maxBytes);

    // 3002 (a batch that could not be written was dropped) is retired: such a batch is now kept and retried (3004).

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "audit records cannot be committed ({Reason}): calls now answer without waiting, their records are kept in memory (at most {MaxRecords}) and retried, and they are lost if this process dies before the database is back")]
    public static partial void Degraded(ILogger logger, string reason, int maxRecords);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "audit records are committed again; calls wait for their record's commit again ({Queued} still queued)")]
    public static partial void Recovered(ILogger logger, long queued);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "{Count} audit records could not be written before the server stopped and are lost")]
    public static partial void LostAtShutdown(ILogger logger, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug,
        Message = "tool {ToolId} made {Requests} outbound requests ({BytesSent} body bytes sent, {BytesReceived} received): {Hops}")]
    public static partial void OutboundHttp(ILogger logger, string toolId, int requests, long bytesSent, long bytesReceived, string hops);
}
