using System.Collections.Concurrent;
using Kami.Runtime.Contracts;

namespace Kami.Runtime.Tests.Infrastructure;

public sealed record LogEntry(string ToolId, GuestLogLevel Level, string Message);

/// <summary>Keeps what a guest logged; <see cref="WhenLogged"/> lets a test wait for a line instead of sleeping.</summary>
public sealed class RecordingLogSink : IGuestLogSink
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Completes when a message equal to <paramref name="message"/> is logged (call before the guest runs).</summary>
    public Task WhenLogged(string message) =>
        _waiters.GetOrAdd(message, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Log(string toolId, GuestLogLevel level, string message)
    {
        _entries.Enqueue(new LogEntry(toolId, level, message));
        if (_waiters.TryGetValue(message, out var waiter)) waiter.TrySetResult();
    }
}
