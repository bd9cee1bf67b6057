using System.Diagnostics;
using Kami.EndToEnd.Tests.Infrastructure;
using Kami.TestCommon;

namespace Kami.EndToEnd.Tests;

/// <summary>
/// Code health bug, pooling under a tight <c>ulimit -v</c>: Wasmtime used to abort the process (a Rust panic, exit 134)
/// when its pool could not be reserved. kami now falls back to on-demand allocation and says so.
/// </summary>
public sealed class AddressSpaceLimitTests
{
    [Fact]
    public async Task Run_UnderTightAddressSpaceLimit_FallsBackAndAnswers()
    {
        if (!OperatingSystem.IsLinux()) return; // ulimit -v is what this reproduces; other hosts reserve differently
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        using var home = new TempDirectory();
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"ulimit -v 20000000 && exec {KamiCli.Command.ShellWords} run '{RepoPaths.Fixture("echo.wasm")}' --input '{{\"a\":1}}' --home '{home.Path}'");
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("KAMI_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
        Assert.Equal("{\"a\":1}", (await stdout).Trim());
        Assert.Contains("ulimit -v", await stderr, StringComparison.Ordinal);
    }
}
