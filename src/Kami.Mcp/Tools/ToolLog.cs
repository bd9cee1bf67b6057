using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Tools;

/// <summary>The server log entries of the served tools: catalog, registry sync and calls. Event ids 2000-2099 stay stable.</summary>
internal static partial class ToolLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "registry changed: now serving {Count} tools")]
    public static partial void ToolsChanged(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "could not re-read the registry: {Reason}")]
    public static partial void RegistrySyncFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "not serving tool {ToolId}: {Reason}")]
    public static partial void CatalogRowSkipped(ILogger logger, string toolId, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "tool {ToolId} is busy: {Reason}")]
    public static partial void Busy(ILogger logger, string toolId, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "tool {ToolId} was not run: {Reason}")]
    public static partial void LoadRefused(ILogger logger, string toolId, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "tool {ToolId} trapped: {Reason}")]
    public static partial void Trapped(ILogger logger, string toolId, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "tool {ToolId} hit its {Limit} limit of {LimitValue}: {Reason}")]
    public static partial void LimitHit(ILogger logger, string toolId, string limit, string limitValue, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "call to tool {ToolId} failed inside KAMI; the client got a generic error")]
    public static partial void CallFailedUnexpectedly(ILogger logger, string toolId, Exception exception);
}
