using Microsoft.Extensions.Logging;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>Keeps every log entry (event id, level, text) so tests can check what the server logged.</summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly List<(int EventId, LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(int EventId, LogLevel Level, string Message)> Entries
    {
        get { lock (_entries) return [.. _entries]; }
    }

    public IEnumerable<string> WithEvent(int eventId) => Entries.Where(e => e.EventId == eventId).Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose() { }

    private sealed class Logger(CapturedLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (log._entries) log._entries.Add((eventId.Id, logLevel, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
        }
    }
}
