using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kami.TestCommon.Tls;

/// <summary>
/// An HTTPS server on 127.0.0.1 with a test certificate. It logs what each client sent as SNI, every TLS handshake
/// that failed, and every request that reached the handler after a completed handshake, so a test can show that a
/// refused connection delivered nothing.
/// </summary>
public sealed class LoopbackHttpsServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly Func<HttpsRequest, HttpsAnswer> _handler;
    private readonly CancellationTokenSource _stop = new();

    public LoopbackHttpsServer(X509Certificate2 certificate, Func<HttpsRequest, HttpsAnswer> handler)
    {
        _certificate = certificate;
        _handler = handler;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>The server name (SNI) of every ClientHello, "" when a client sent none.</summary>
    public ConcurrentQueue<string> ServerNames { get; } = new();

    /// <summary>Handshakes that did not complete (the client refused the certificate, or went away).</summary>
    public ConcurrentQueue<string> FailedHandshakes { get; } = new();

    /// <summary>Requests read after a completed handshake and given to the handler.</summary>
    public ConcurrentQueue<HttpsRequest> Requests { get; } = new();

    private async Task AcceptAsync()
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
        using var _ = client;
        await using var tls = new SslStream(client.GetStream());
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateSelectionCallback = (_, name) =>
                {
                    ServerNames.Enqueue(name ?? "");
                    return _certificate;
                },
            }, _stop.Token);
        }
        catch (Exception e)
        {
            FailedHandshakes.Enqueue(e.Message);
            return;
        }
        try
        {
            var head = await ReadHeadAsync(tls);
            if (head is null) return;
            var lines = head.Split("\r\n");
            var start = lines[0].Split(' ');
            var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
                .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim().ToLowerInvariant(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            var request = new HttpsRequest(start[0], start.Length > 1 ? start[1] : "", headers);
            Requests.Enqueue(request);
            var answer = _handler(request);
            var body = Encoding.UTF8.GetBytes(answer.Body);
            var response = $"HTTP/1.1 {answer.Status} X\r\nContent-Length: {body.Length}\r\nConnection: close\r\n{answer.Headers}\r\n";
            await tls.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            await tls.WriteAsync(body, _stop.Token);
            await tls.FlushAsync(_stop.Token);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
            // The client went away: nothing to answer.
        }
    }

    private async Task<string?> ReadHeadAsync(Stream stream)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0) return null;
            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var text = seen.ToString();
        return text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}

/// <summary>A request as the HTTPS test server read it: method, target, headers (lowercase names).</summary>
public sealed record HttpsRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);

/// <summary>What the handler answers: status, extra header lines (each ending in CRLF), and a text body.</summary>
public sealed record HttpsAnswer(int Status, string Headers, string Body);
