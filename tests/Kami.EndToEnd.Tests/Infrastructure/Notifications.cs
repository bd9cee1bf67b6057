using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Kami.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Records the notifications a client receives and lets a test await one that matches, instead of sleeping.
/// Pass <see cref="Options"/> to <see cref="IServedKami.ConnectAsync"/> so that nothing sent early is missed.
/// </summary>
public sealed class Notifications
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<JsonRpcNotification> _received = [];
    private readonly List<(Func<JsonRpcNotification, bool> Match, TaskCompletionSource<JsonRpcNotification> Done)> _waiters = [];

    public Notifications(string? protocolVersion = ClientOptions.CurrentProtocol)
    {
        Options = new McpClientOptions
        {
            ProtocolVersion = protocolVersion,
            Handlers = new McpClientHandlers
            {
                NotificationHandlers =
                [
                    new(NotificationMethods.LoggingMessageNotification, Record),
                    new(NotificationMethods.ToolListChangedNotification, Record),
                ],
            },
        };
    }

    public McpClientOptions Options { get; }

    public IReadOnlyList<JsonRpcNotification> Received
    {
        get { lock (_lock) return [.. _received]; }
    }

    /// <summary>The logging notifications received so far, as (level, text of data).</summary>
    public IReadOnlyList<(string Level, string Data)> LogMessages =>
        Received.Where(n => n.Method == NotificationMethods.LoggingMessageNotification).Select(Log).ToList();

    public int Count(string method) => Received.Count(n => n.Method == method);

    /// <summary>Completes with the first notification (already received or yet to come) that matches.</summary>
    public Task<JsonRpcNotification> WaitAsync(string method, Func<JsonRpcNotification, bool>? match = null, int skip = 0)
    {
        var seen = 0;
        bool Matches(JsonRpcNotification n) => n.Method == method && (match?.Invoke(n) ?? true) && seen++ >= skip;
        var done = new TaskCompletionSource<JsonRpcNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _received.FirstOrDefault(Matches);
            if (existing is not null) return Task.FromResult(existing);
            _waiters.Add((Matches, done));
        }
        return done.Task.WaitAsync(Timeout);
    }

    /// <summary>Waits for a notifications/message whose data mentions <paramref name="text"/>.</summary>
    public Task<JsonRpcNotification> WaitForLogAsync(string text) =>
        WaitAsync(NotificationMethods.LoggingMessageNotification, n => Log(n).Data.Contains(text, StringComparison.Ordinal));

    public static (string Level, string Data) Log(JsonRpcNotification n)
    {
        var p = n.Params;
        var level = p?["level"]?.GetValue<string>() ?? "";
        var data = p?["data"] switch
        {
            null => "",
            var d when d.GetValueKind() == JsonValueKind.String => d.GetValue<string>(),
            var d => d.ToJsonString(),
        };
        return (level, data);
    }

    private ValueTask Record(JsonRpcNotification notification, CancellationToken cancellation)
    {
        lock (_lock)
        {
            _received.Add(notification);
            foreach (var waiter in _waiters.ToList())
            {
                if (!waiter.Match(notification)) continue;
                waiter.Done.TrySetResult(notification);
                _waiters.Remove(waiter);
            }
        }
        return ValueTask.CompletedTask;
    }
}
