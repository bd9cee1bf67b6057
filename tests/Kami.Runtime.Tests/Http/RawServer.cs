using System.Net;
using System.Net.Sockets;

namespace Kami.Runtime.Tests.Http;

/// <summary>A TCP server on 127.0.0.1 that reads a request head and lets the test write any bytes back, malformed or slow.</summary>
internal sealed class RawServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    private RawServer(TcpListener listener) => _listener = listener;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static Task<RawServer> StartAsync(Func<NetworkStream, Task> answer)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = new RawServer(listener);
        _ = Task.Run(() => server.ServeAsync(answer));
        return Task.FromResult(server);
    }

    private async Task ServeAsync(Func<NetworkStream, Task> answer)
    {
        try
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var seen = new List<byte>();
            while (!System.Text.Encoding.ASCII.GetString([.. seen]).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0) return;
                seen.AddRange(buffer[..read]);
            }
            await answer(stream);
        }
        catch (Exception)
        {
            // The client gave up (the point of most of these answers) or the test ended.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
