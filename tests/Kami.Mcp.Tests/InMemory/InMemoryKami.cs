using System.IO.Pipelines;
using Kami.Core.Hosting;
using Kami.Core.Registry;
using Kami.Core.Tools;
using Kami.Mcp.Hosting;
using Kami.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Kami.Mcp.Tests.InMemory;

/// <summary>
/// KAMI's MCP server and the SDK's client joined by two in-memory pipes, as the SDK's own tests do: the real
/// registration (<see cref="KamiMcpServices.AddKamiMcp"/>), catalog, argument checks and result mapping, with a fake
/// registry, executor and clock in place of SQLite, Wasmtime and time.
/// </summary>
internal sealed class InMemoryKami : IAsyncDisposable
{
    private readonly Pipe _clientToServer = new();
    private readonly Pipe _serverToClient = new();
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serverTask;
    private bool _disposed;

    /// <param name="executor">The fake that answers calls; null runs them in the real sandbox.</param>
    /// <param name="runtime">The sandbox's settings when <paramref name="executor"/> is null; the defaults when null.</param>
    public InMemoryKami(FakeRegistry registry, IToolExecutor? executor, MemoryAuditLog? audit = null, ToolNameStyle names = ToolNameStyle.Id,
        Kami.Runtime.Contracts.RuntimeOptions? runtime = null)
    {
        Registry = registry;
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().AddProvider(Log).SetMinimumLevel(LogLevel.Trace));
        if (executor is not null) services.AddSingleton(executor);
        services.AddSingleton<TimeProvider>(Time);
        var options = new ServeOptions
        {
            Paths = KamiPaths.ForHome(Path.Combine(Path.GetTempPath(), "kami-inmemory-unused")),
            ToolNames = names,
            Runtime = runtime ?? Kami.Runtime.Contracts.RuntimeOptions.Default,
        };
        services.AddKamiMcp(options, registry, audit, "memory")
            .WithStreamServerTransport(_clientToServer.Reader.AsStream(), _serverToClient.Writer.AsStream());
        _services = services.BuildServiceProvider();
        _serverTask = _services.GetRequiredService<McpServer>().RunAsync(_stop.Token);
    }

    public FakeRegistry Registry { get; }

    public CapturedLog Log { get; } = new();

    public FakeTimeProvider Time { get; } = new();

    public ToolCatalog Catalog => _services.GetRequiredService<ToolCatalog>();

    /// <summary>Whether the sandbox's runtime (Wasmtime engine, workers) has been made yet.</summary>
    public bool RuntimeCreated => _services.GetRequiredService<LazyToolRuntime>().IsCreated;

    /// <summary>The sandbox's runtime once made (forces nothing: null until then).</summary>
    public Kami.Runtime.Execution.ToolRuntime? Runtime =>
        _services.GetRequiredService<LazyToolRuntime>() is { IsCreated: true } lazy ? lazy.Value : null;

    /// <summary>Completes when the background warm-up that tools/list starts has finished.</summary>
    public Task RuntimeWarmed => _services.GetRequiredService<LazyToolRuntime>().Warmed;

    public async Task<McpClient> ConnectAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await McpClient.CreateAsync(new StreamClientTransport(_clientToServer.Writer.AsStream(), _serverToClient.Reader.AsStream()),
            ClientOptions.Current(), cancellationToken: timeout.Token);
    }

    /// <summary>Stops the server and drains the audit buffer into the audit log.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _stop.CancelAsync();
        await _clientToServer.Writer.CompleteAsync();
        await _serverToClient.Writer.CompleteAsync();
        try { await _serverTask; } catch (OperationCanceledException) { }
        await _services.DisposeAsync();
        _stop.Dispose();
    }
}
