using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace Kami.Mcp.Hosting;

/// <summary>
/// The server log: everything to stderr (stdout belongs to JSON-RPC in stdio mode), one line per entry with
/// no colours, since every guest log line passes through here on the call path.
/// </summary>
internal static class ServerLogging
{
    public static void Configure(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.IncludeScopes = false;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(level);
        var libraries = level > LogLevel.Warning ? level : LogLevel.Warning;
        logging.AddFilter("Microsoft.AspNetCore", libraries);
        logging.AddFilter("Microsoft.Hosting", libraries);
        logging.AddFilter("ModelContextProtocol", libraries);
    }
}
