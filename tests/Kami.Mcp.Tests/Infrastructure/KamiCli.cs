using System.Diagnostics;
using System.Text;
using Kami.TestCommon;

namespace Kami.Mcp.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>The real <c>kami</c> built next to these tests, run as <c>dotnet kami.dll …</c>.</summary>
public static class KamiCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>artifacts/bin/Kami.Cli/&lt;configuration&gt;/kami.dll, the configuration being the one these tests were built in.</summary>
    public static string DllPath { get; } = FindDll();

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Settings come only from what a test passes: no stray KAMI_* from the machine running the tests.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("KAMI_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in env ?? new Dictionary<string, string?>()) info.Environment[key] = value;
        return info;
    }

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, env)) ?? throw new InvalidOperationException("cannot start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kami {string.Join(' ', args)} did not exit within {timeout ?? DefaultTimeout}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kami and fails the test unless it exits 0.</summary>
    public static async Task<CliResult> RunOkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kami {string.Join(' ', args)} failed: {result}");
        return result;
    }

    private static string FindDll()
    {
        // The test output directory is artifacts/bin/Kami.Mcp.Tests/<configuration>/ (UseArtifactsOutput).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        string[] candidates =
        [
            Path.Combine(RepoPaths.Root, "artifacts", "bin", "Kami.Cli", configuration, "kami.dll"),
            Path.Combine(RepoPaths.Root, "artifacts", "bin", "Kami.Cli", "debug", "kami.dll"),
            Path.Combine(RepoPaths.Root, "artifacts", "bin", "Kami.Cli", "release", "kami.dll"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"kami.dll not found (looked for {string.Join(", ", candidates)}); build src/Kami.Cli first");
    }
}
