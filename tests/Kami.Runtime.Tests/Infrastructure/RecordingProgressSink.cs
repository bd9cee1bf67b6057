using System.Collections.Concurrent;
using Kami.Runtime.Contracts;

namespace Kami.Runtime.Tests.Infrastructure;

/// <summary>Keeps every progress report a call forwarded, in order.</summary>
public sealed class RecordingProgressSink : IProgressSink
{
    private readonly ConcurrentQueue<(string ToolId, double Progress, double? Total, string? Message)> _reports = new();

    public IReadOnlyList<(string ToolId, double Progress, double? Total, string? Message)> Reports => [.. _reports];

    public void Report(string toolId, double progress, double? total, string? message) => _reports.Enqueue((toolId, progress, total, message));
}
