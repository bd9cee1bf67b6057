using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>
/// Kestrel's transport replaced by pipes, as the SDK's own ASP.NET Core tests do: the real Kestrel (limits, Host
/// filtering, aborts on a closed connection) and the real middleware, but no socket and no port. Every endpoint
/// Kestrel binds shares one accept queue; <see cref="ConnectAsync"/> is an <see cref="SocketsHttpHandler.ConnectCallback"/>.
/// </summary>
internal sealed class InMemoryConnections : IConnectionListenerFactory
{
    private readonly Channel<ConnectionContext> _accepted = Channel.CreateUnbounded<ConnectionContext>();

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IConnectionListener>(new Listener(endpoint, _accepted));

    /// <summary>A new connection to the server: the client's end as a stream.</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var connection = new Connection();
        if (!_accepted.Writer.TryWrite(connection)) throw new IOException("the in-memory server has stopped");
        return ValueTask.FromResult(connection.ClientStream);
    }

    /// <summary>An <see cref="HttpClient"/> whose every connection is a new in-memory one.</summary>
    public HttpClient CreateHttpClient() => new(new SocketsHttpHandler { ConnectCallback = ConnectAsync });

    private sealed class Listener(EndPoint endpoint, Channel<ConnectionContext> accepted) : IConnectionListener
    {
        public EndPoint EndPoint => endpoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default) =>
            await accepted.Reader.WaitToReadAsync(cancellationToken) && accepted.Reader.TryRead(out var connection) ? connection : null;

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            accepted.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => UnbindAsync();
    }

    private sealed class Connection : ConnectionContext
    {
        private readonly Pipe _toServer = new();
        private readonly Pipe _toClient = new();
        private readonly CancellationTokenSource _closed = new();

        public Connection()
        {
            Transport = new DuplexPipe(_toServer.Reader, _toClient.Writer);
            ConnectionClosed = _closed.Token;
            ClientStream = new ClientEnd(_toClient.Reader.AsStream(), _toServer.Writer.AsStream(), _closed);
        }

        public Stream ClientStream { get; }

        public override IDuplexPipe Transport { get; set; }

        public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("n");

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

        public override async ValueTask DisposeAsync()
        {
            // Kestrel is done with the connection: the client reads the end of the stream.
            await _toClient.Writer.CompleteAsync();
            await _toServer.Reader.CompleteAsync();
            await base.DisposeAsync();
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    /// <summary>The client's end: reads what the server wrote, writes what the server reads; disposing it closes the connection.</summary>
    private sealed class ClientEnd(Stream read, Stream write, CancellationTokenSource closed) : Stream
    {
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => read.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => read.ReadAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => write.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => write.WriteAsync(buffer, offset, count, cancellationToken);
        public override Task FlushAsync(CancellationToken cancellationToken) => write.FlushAsync(cancellationToken);

        // SocketsHttpHandler uses only the asynchronous methods.
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                read.Dispose();
                write.Dispose();
                // Off this thread: cancelling runs Kestrel's abort callbacks.
                ThreadPool.UnsafeQueueUserWorkItem(static c => c.Cancel(), closed, preferLocal: false);
            }
            base.Dispose(disposing);
        }
    }
}
