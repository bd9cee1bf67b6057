using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kami.Cli.Tests.Trust;

/// <summary>A Kestrel server on 127.0.0.1 (a free port) answering each path with whatever a test maps to it; 404 otherwise.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentDictionary<string, int> Hits { get; } = new(StringComparer.Ordinal);

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(context =>
        {
            var path = context.Request.Path.Value ?? "/";
            server.Hits.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (server._routes.TryGetValue(path, out var handler)) return handler(context);
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    public string Url(string path) => BaseUrl + path;

    public void Map(string path, RequestDelegate handler) => _routes[path] = handler;

    public void MapBytes(string path, byte[] body) => Map(path, async context =>
    {
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    });

    public void MapText(string path, string body) => MapBytes(path, System.Text.Encoding.UTF8.GetBytes(body));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
