using Kami.Core.Hosting;
using Kami.Mcp.Hosting;
using Kami.Mcp.Hosting.Http;
using Kami.Mcp.Tools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Kami.Mcp.Tests.InMemory.Http;

/// <summary>
/// <c>kami serve --http</c> as <see cref="HttpServer.Build"/> makes it (Kestrel, Host/Origin/token/body checks, MCP at
/// /mcp) on <see cref="InMemoryConnections"/>, with a fake registry and executor: no process, no port.
/// </summary>
internal sealed class InMemoryHttpKami : IAsyncDisposable
{
    /// <summary>A token long enough for <see cref="BearerToken"/>.</summary>
    public const string Token = "test-token-0123456789abcdef-0123456789";

    private readonly WebApplication _app;
    private readonly InMemoryConnections _connections;
    private readonly List<McpClient> _clients = [];

    private InMemoryHttpKami(WebApplication app, InMemoryConnections connections, CapturedLog log)
    {
        _app = app;
        _connections = connections;
        Log = log;
    }

    /// <summary>Where clients send requests: the loopback address, so Host filtering lets it pass.</summary>
    public Uri Url { get; } = new("http://127.0.0.1:8931" + HttpServer.Path);

    /// <summary>What the server logged (event ids as in <c>HttpLog</c>).</summary>
    public CapturedLog Log { get; }

    /// <summary>Builds and starts the server; <paramref name="configure"/> adjusts the defaults (the token above, a free endpoint on loopback).</summary>
    public static async Task<InMemoryHttpKami> StartAsync(FakeRegistry registry, IToolExecutor executor, Func<ServeOptions, ServeOptions>? configure = null,
        Kami.Core.Registry.IAuditLog? auditLog = null, TimeProvider? time = null)
    {
        var options = new ServeOptions
        {
            Paths = KamiPaths.ForHome(Path.Combine(Path.GetTempPath(), "kami-inmemory-unused")),
            HttpEndpoint = "127.0.0.1:8931",
            Token = Token,
        };
        options = configure?.Invoke(options) ?? options;
        var log = new CapturedLog();
        var connections = new InMemoryConnections();
        var app = HttpServer.Build(options, registry, auditLog, services =>
        {
            services.AddSingleton<IConnectionListenerFactory>(connections);
            services.AddSingleton(executor);
            if (time is not null) services.AddSingleton(time);
            // Into the captured log instead of the console.
            services.RemoveAll<ILoggerProvider>();
            services.AddSingleton<ILoggerProvider>(log);
        });
        await app.StartAsync();
        return new InMemoryHttpKami(app, connections, log);
    }

    /// <summary>A plain HTTP client connected in memory; the test disposes it.</summary>
    public HttpClient CreateHttpClient() => _connections.CreateHttpClient();

    /// <summary>The SDK's Streamable HTTP client, sending <paramref name="token"/> (default <see cref="Token"/>; "" sends none).</summary>
    public async Task<McpClient> ConnectAsync(string? token = null, McpClientOptions? options = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var client = await McpClient.CreateAsync(CreateTransport(token, headers), options ?? ClientOptions.Current(), cancellationToken: timeout.Token);
        lock (_clients) _clients.Add(client);
        return client;
    }

    /// <summary>The transport <see cref="ConnectAsync"/> uses; <paramref name="extraHeaders"/> go on every request (a <c>traceparent</c>).</summary>
    public HttpClientTransport CreateTransport(string? token = null, IReadOnlyDictionary<string, string>? extraHeaders = null)
    {
        var headers = new Dictionary<string, string>(extraHeaders ?? new Dictionary<string, string>());
        if ((token ?? Token) is { Length: > 0 } t) headers["Authorization"] = "Bearer " + t;
        return new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = Url,
            Name = "kami",
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        }, CreateHttpClient(), loggerFactory: null, ownsHttpClient: true);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
