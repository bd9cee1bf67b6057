using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting;

/// <summary>The server log entries about the sandbox runtime itself. Event ids 4000-4099 stay stable.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "{Notice}")]
    public static partial void AllocatorFallback(ILogger logger, string notice);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "the sandbox runtime could not be started ahead of the first call: {Reason}")]
    public static partial void WarmUpFailed(ILogger logger, string reason);
}
