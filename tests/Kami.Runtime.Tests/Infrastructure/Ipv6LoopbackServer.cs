using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kami.Runtime.Tests.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on [::1] that logs the request line of everything it receives and answers 200 "reached"
/// (HttpListener cannot be bound to [::1] here, so this speaks just enough HTTP over a socket).
/// </summary>
public sealed class Ipv6LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.IPv6Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public Ipv6LoopbackServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>The request line ("GET /path HTTP/1.1") of every request received.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(_stop.Token) ?? "";
                Requests.Enqueue(requestLine);
                while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 }) { } // headers; the tests send no body
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 7\r\nConnection: close\r\n\r\nreached"u8.ToArray(), _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away: nothing to answer.
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
