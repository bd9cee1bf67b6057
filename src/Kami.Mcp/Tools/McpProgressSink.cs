using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Tools;

/// <summary>
/// Sends a guest's progress reports to the client as <c>notifications/progress</c> with the request's own progress
/// token, through the request's server object, so over HTTP they travel on that request's response stream. The
/// reports are already checked and rate-bounded by the runtime. Sends are chained, so the client sees them in the
/// order the guest made them, and <see cref="FlushAsync"/> lets the result go only after them.
/// </summary>
internal sealed class McpProgressSink(McpServer server, ProgressToken token) : Runtime.Contracts.IProgressSink
{
    private readonly Lock _gate = new();
    private Task _sent = Task.CompletedTask;

    /// <summary>A sink for the request when its client asked for progress; null when it sent no progress token.</summary>
    public static McpProgressSink? For(RequestContext<CallToolRequestParams> request) =>
        request.Params?.ProgressToken is { } token ? new McpProgressSink(request.Server, token) : null;

    public void Report(string toolId, double progress, double? total, string? message)
    {
        var value = new ProgressNotificationValue { Progress = (float)progress, Total = (float?)total, Message = message };
        lock (_gate) _sent = SendAfter(_sent, value);
    }

    private async Task SendAfter(Task previous, ProgressNotificationValue value)
    {
        await previous.ConfigureAwait(false);
        try
        {
            await server.NotifyProgressAsync(token, value).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A report that fails to send (the client went away) is lost, never the call.
        }
    }

    /// <summary>Waits (at most <paramref name="limit"/>) for the reports made so far to be sent.</summary>
    public async Task FlushAsync(TimeSpan limit)
    {
        Task sent;
        lock (_gate) sent = _sent;
        await Task.WhenAny(sent, Task.Delay(limit)).ConfigureAwait(false);
    }
}
