using System.Diagnostics;
using System.Text;
using Kami.TestCommon;

namespace Kami.EndToEnd.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>
/// The real <c>kami</c>: the one built next to these tests, run as <c>dotnet kami.dll …</c>, or the executable named by
/// <c>KAMI_TEST_BINARY</c> (scripts/test-published.sh points it at the published NativeAOT binary, so these tests check
/// what users install).
/// </summary>
public static class KamiCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The variable naming a kami executable to run instead of <c>dotnet kami.dll</c>.</summary>
    public const string BinaryVariable = "KAMI_TEST_BINARY";

    /// <summary>What starts kami: <see cref="FileName"/> followed by <see cref="LeadingArguments"/>, then kami's own.</summary>
    public static KamiCommand Command { get; } = KamiCommand.Resolve(Environment.GetEnvironmentVariable(BinaryVariable), FindDll);

    /// <summary>The program to start: <c>dotnet</c>, or the executable <c>KAMI_TEST_BINARY</c> names.</summary>
    public static string FileName => Command.FileName;

    /// <summary>The arguments before kami's own: the kami.dll path for <c>dotnet</c>, none for an executable.</summary>
    public static IReadOnlyList<string> LeadingArguments => Command.LeadingArguments;

    // Made on first use and deleted when the test process exits.
    private static readonly Lazy<string> RunHome = new(() =>
    {
        var home = Directory.CreateTempSubdirectory("kami-test-run-home-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(home, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return home;
    });

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in LeadingArguments) info.ArgumentList.Add(arg);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Settings come only from what a test passes: no stray KAMI_* from the machine running the tests, and a home of
        // this test run's own unless the test names one (--home or KAMI_HOME), never the user's ~/.kami (kami build's
        // compiled cache would fill it).
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("KAMI_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        info.Environment["KAMI_HOME"] = RunHome.Value;
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in env ?? new Dictionary<string, string?>()) info.Environment[key] = value;
        return info;
    }

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, env)) ?? throw new InvalidOperationException($"cannot start {FileName}");
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
        // The test output directory is artifacts/bin/Kami.EndToEnd.Tests/<configuration>/ (UseArtifactsOutput).
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
