using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Hosting.Http;

/// <summary>The server log entries of the HTTP host: refused requests. Event ids 1000-1099 stay stable.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "HTTP 401 for {Method} {Path} from {Remote}: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string method, string path, string? remote, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "HTTP 403 for {Method} {Path} from {Remote}: origin {Origin} is not allowed")]
    public static partial void ForbiddenOrigin(ILogger logger, string method, string path, string? remote, string origin);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "HTTP 413 for {Method} {Path} from {Remote}: the body is larger than {Limit} bytes")]
    public static partial void BodyTooLarge(ILogger logger, string method, string path, string? remote, long limit);
}
