using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;

namespace Kami.EndToEnd.Tests.Infrastructure;

/// <summary>Client options for the tests.</summary>
public static class ClientOptions
{
    /// <summary>
    /// The revision today's MCP clients speak (initialize handshake, sessions, logging/setLevel, list_changed
    /// broadcast). The SDK client otherwise prefers 2026-07-28, where those work differently (see Initialize_NewestProtocolClient_ListsAndCalls and PerRequestLogLevelTests).
    /// </summary>
    public const string CurrentProtocol = "2025-11-25";

    public static McpClientOptions Current() => new() { ProtocolVersion = CurrentProtocol };
}

/// <summary>A running <c>kami serve</c> a test connects MCP clients to, over one transport.</summary>
public interface IServedKami : IAsyncDisposable
{
    /// <summary>"stdio" or "http", as the audit log records it.</summary>
    string Transport { get; }

    /// <summary>What the server wrote to stderr so far (for failure messages).</summary>
    string Stderr { get; }

    /// <summary>Completes with the first stderr line (already written or yet to come) that contains <paramref name="text"/>.</summary>
    Task<string> WaitForStderrAsync(string text);

    /// <summary>Connects the SDK client; without <paramref name="options"/>, with <see cref="ClientOptions.Current"/>.</summary>
    Task<McpClient> ConnectAsync(McpClientOptions? options = null);
}

/// <summary>
/// stdio: every client spawns its own <c>kami serve</c> through the SDK's <see cref="StdioClientTransport"/>; disposing
/// the client ends the process.
/// </summary>
public sealed class StdioServedKami(KamiHome home, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? env) : IServedKami
{
    private readonly ConcurrentQueue<McpClient> _clients = new();
    private readonly OutputLines _stderr = new();

    public string Transport => "stdio";

    public string Stderr => _stderr.Text;

    public Task<string> WaitForStderrAsync(string text) => _stderr.WaitForAsync(text);

    public async Task<McpClient> ConnectAsync(McpClientOptions? options = null)
    {
        var environment = new Dictionary<string, string?>();
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("KAMI_", StringComparison.Ordinal)))
            environment[key] = null;
        foreach (var (key, value) in env ?? new Dictionary<string, string?>()) environment[key] = value;
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "kami",
            Command = KamiCli.FileName,
            Arguments = [.. KamiCli.LeadingArguments, "serve", "--home", home.Path, .. args],
            EnvironmentVariables = environment,
            StandardErrorLines = _stderr.Add,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var client = await McpClient.CreateAsync(transport, options ?? ClientOptions.Current(), cancellationToken: timeout.Token);
        _clients.Enqueue(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        while (_clients.TryDequeue(out var client)) await client.DisposeAsync();
    }
}

/// <summary>
/// Streamable HTTP: one <c>kami serve --http 127.0.0.1:0</c> process (the OS picks a free port; the server prints the
/// URL it got), any number of clients. Disposing kills the process.
/// </summary>
public sealed partial class HttpServedKami : IServedKami
{
    private readonly Process _process;
    private readonly ConcurrentQueue<McpClient> _clients = new();
    private readonly OutputLines _stderr = new();
    private readonly TaskCompletionSource<Uri> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HttpServedKami(Process process) => _process = process;

    public string Transport => "http";

    public Uri Url { get; private set; } = null!;

    /// <summary>The token clients send by default (null: none, and the server is started with --no-auth).</summary>
    public string? Token { get; init; }

    public string Stderr => _stderr.Text;

    public Task<string> WaitForStderrAsync(string text) => _stderr.WaitForAsync(text);

    public static async Task<HttpServedKami> StartAsync(KamiHome home, IReadOnlyList<string>? args = null,
        IReadOnlyDictionary<string, string?>? env = null, string? clientToken = null, bool defaultAuth = false)
    {
        // Serving HTTP needs a token by default; tests that bring none say --no-auth, as the conformance script does,
        // unless they test that default (defaultAuth).
        string[] auth = clientToken is null && !defaultAuth && !(args ?? []).Contains("--no-auth") ? ["--no-auth"] : [];
        var info = KamiCli.StartInfo(["serve", "--http", "127.0.0.1:0", "--home", home.Path, .. auth, .. args ?? []], env);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {KamiCli.FileName}");
        var served = new HttpServedKami(process) { Token = clientToken };
        process.StandardInput.Close();
        process.ErrorDataReceived += (_, e) => served.OnStderr(e.Data);
        process.OutputDataReceived += (_, e) => served.OnStderr(e.Data);
        process.Exited += (_, _) => served._started.TrySetException(new InvalidOperationException($"kami serve exited before serving:\n{served.Stderr}"));
        process.EnableRaisingEvents = true;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            served.Url = await served._started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await served.DisposeAsync();
            throw;
        }
        return served;
    }

    private void OnStderr(string? line)
    {
        if (line is null) return;
        _stderr.Add(line);
        if (ServingLine().Match(line) is { Success: true } match) _started.TrySetResult(new Uri(match.Groups[1].Value));
    }

    public HttpClientTransport CreateTransport(string? token = null, bool standaloneGetStream = true)
    {
        var headers = new Dictionary<string, string>();
        if ((token ?? Token) is { } t) headers["Authorization"] = "Bearer " + t;
        return new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = Url,
            Name = "kami",
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
            EnableStandaloneGetStream = standaloneGetStream,
        });
    }

    public async Task<McpClient> ConnectAsync(McpClientOptions? options = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var client = await McpClient.CreateAsync(CreateTransport(), options ?? ClientOptions.Current(), cancellationToken: timeout.Token);
        _clients.Enqueue(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        while (_clients.TryDequeue(out var client))
        {
            try { await client.DisposeAsync(); } catch (Exception) { /* the server may already be gone */ }
        }
        await ProcessEnd.KillAsync(_process);
    }

    /// <summary>Kills the server at once (SIGKILL on Unix: no shutdown code runs), as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A view of this server whose disposal ends only the clients made through it, not the server.</summary>
    public IServedKami Borrow() => new Borrowed(this);

    private sealed class Borrowed(HttpServedKami server) : IServedKami
    {
        private readonly ConcurrentQueue<McpClient> _clients = new();

        public string Transport => server.Transport;

        public string Stderr => server.Stderr;

        public Task<string> WaitForStderrAsync(string text) => server.WaitForStderrAsync(text);

        public async Task<McpClient> ConnectAsync(McpClientOptions? options = null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var client = await McpClient.CreateAsync(server.CreateTransport(), options ?? ClientOptions.Current(), cancellationToken: timeout.Token);
            _clients.Enqueue(client);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            while (_clients.TryDequeue(out var client)) await client.DisposeAsync();
        }
    }

    [GeneratedRegex(@"serving MCP at (http://\S+)")]
    private static partial Regex ServingLine();
}
