using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kami.TestCommon;

/// <summary>An HTTP server on 127.0.0.1 that logs every request it receives and answers with the test's handler.</summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> handler)
    {
        _handler = handler;
        for (var attempt = 0; ; attempt++)
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Prefixes.Add($"http://localhost:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>Every request received: method, path and query, headers (lowercase names), body.</summary>
    public ConcurrentQueue<LoggedRequest> Requests { get; } = new();

    /// <summary>Cancelled when the server stops; a slow handler waits on it instead of sleeping.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>
    /// A server that sends its headers at once, then one body byte every <paramref name="interval"/> until it stops:
    /// every read makes progress, so only a deadline ends a request to it (and a client that drains the rest of the
    /// body before closing waits as long as it lets itself).
    /// </summary>
    public static LoopbackHttpServer DrippingBody(TimeSpan interval)
    {
        LoopbackHttpServer? self = null;
        return self = new LoopbackHttpServer(async c =>
        {
            // A declared length far beyond what it will ever send, yet under .NET's 1 MiB response drain bound (the
            // case a client that stops reading would drain to reuse the connection) and under any response bound.
            c.Response.ContentLength64 = 100_000;
            using var tick = new PeriodicTimer(interval);
            do
            {
                await c.Response.OutputStream.WriteAsync("d"u8.ToArray(), self!.Stopping);
                await c.Response.OutputStream.FlushAsync(self.Stopping);
            }
            while (await tick.WaitForNextTickAsync(self.Stopping));
        });
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var headers = request.Headers.AllKeys.ToDictionary(k => k!.ToLowerInvariant(), k => request.Headers[k] ?? "");
        Requests.Enqueue(new LoggedRequest(request.HttpMethod, request.RawUrl ?? "", headers, body.ToArray()));
        try
        {
            await _handler(context);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client went away (a timeout, an oversize body stopped): nothing to answer.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }
}

public sealed record LoggedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
