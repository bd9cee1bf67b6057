using Kami.TestCommon;

namespace Kami.EndToEnd.Tests.Infrastructure;

/// <summary>A throwaway KAMI home (registry + installed tools), filled through the real CLI.</summary>
public sealed class KamiHome : IDisposable
{
    public const string EchoId = "dev.kami.echo";
    public const string FailId = "test.kami.fail";
    public const string LogId = "test.kami.log";
    public const string SpinId = "test.kami.spin";

    private readonly TempDirectory _dir = new();

    public KamiHome() => Directory.CreateDirectory(Path);

    public string Path => _dir.Combine("home");

    /// <summary>A home with the echo example and the fail, log and spin fixtures installed.</summary>
    public static async Task<KamiHome> WithStandardToolsAsync()
    {
        var home = new KamiHome();
        await home.InstallEchoAsync();
        await home.InstallFixtureAsync("fail", FailId);
        await home.InstallFixtureAsync("log", LogId);
        // Neither fuel nor the wall clock may stop the spin during a test: only cancellation does.
        await home.InstallFixtureAsync("spin", SpinId, "[security]\nmax_execution_ms = 600000\nmax_fuel = 1000000000000000000\n");
        return home;
    }

    public Task<CliResult> InstallEchoAsync() => KamiCli.RunOkAsync("install", RepoPaths.Example("echo"), "--home", Path);

    /// <summary>Wraps tests/fixtures/guests/&lt;fixture&gt;.wasm into a package (no arguments) and installs it.</summary>
    public Task<CliResult> InstallFixtureAsync(string fixture, string id, string extraToml = "") =>
        KamiCli.RunOkAsync("install", CreateFixturePackage(fixture, id, extraToml), "--home", Path);

    public string CreateFixturePackage(string fixture, string id, string extraToml = "")
    {
        var package = _dir.Combine("packages", id);
        Directory.CreateDirectory(package);
        File.Copy(RepoPaths.Fixture(fixture + ".wasm"), System.IO.Path.Combine(package, fixture + ".wasm"), overwrite: true);
        File.WriteAllText(System.IO.Path.Combine(package, "tool.toml"), $"""
            [tool]
            id = "{id}"
            name = "{fixture}"
            version = "1.0.0"
            wasm = "{fixture}.wasm"

            [mcp]
            description = "test fixture {fixture}"

            {extraToml}
            """);
        return package;
    }

    public string WriteFile(string name, string content)
    {
        var file = _dir.Combine(name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>One <see cref="KamiHome"/> with the standard tools, shared by the tests of a class that only read it.</summary>
public class StandardHomeFixture : IAsyncLifetime
{
    private KamiHome? _home;

    public KamiHome Home => _home ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => _home = await KamiHome.WithStandardToolsAsync();

    public virtual Task DisposeAsync()
    {
        _home?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The standard home plus one <c>kami serve --http</c> on it with default settings, started on first use and shared
/// by the tests that need nothing else (each still gets its own client and session).
/// </summary>
public sealed class HttpStandardHomeFixture : StandardHomeFixture
{
    private readonly Lazy<Task<HttpServedKami>> _server;

    public HttpStandardHomeFixture() => _server = new(() => HttpServedKami.StartAsync(Home));

    public Task<HttpServedKami> SharedServerAsync() => _server.Value;

    public override async Task DisposeAsync()
    {
        if (_server.IsValueCreated)
        {
            try { await (await _server.Value).DisposeAsync(); } catch (InvalidOperationException) { } catch (TimeoutException) { }
        }
        await base.DisposeAsync();
    }
}
