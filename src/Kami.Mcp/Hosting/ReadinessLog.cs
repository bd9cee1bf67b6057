using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting;

/// <summary>Readiness changes, logged when they happen rather than on every probe.</summary>
internal static partial class ReadinessLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "not ready: the registry did not answer ({Reason}); /readyz answers 503 until it does")]
    public static partial void RegistryUnreachable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "the registry answers again; /readyz is ready")]
    public static partial void RegistryBack(ILogger logger);
}
