using Kami.Cli.Authoring;
using Kami.TestCommon;

namespace Kami.Cli.Tests;

/// <summary>
/// The guest toolchain's first-use npm install when several kami processes build at once (an installed kami ships
/// guest/ without node_modules): a build never sees a half-installed node_modules, and one that finds another kami
/// installing waits for it instead of installing over it. npm is a script that installs in two steps a test controls.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // npm is a shell script here
public sealed class GuestToolchainInstallTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Guest => _temp.Combine("guest");
    private string Signals => Directory.CreateDirectory(_temp.Combine("signals")).FullName;
    private string NpmRuns => Path.Combine(Signals, "npm-runs");

    // guest/ as a fresh install has it: the SDK files (build.mjs, kami_tool.h, the lock files), no node_modules.
    private GuestToolchain FreshGuest()
    {
        foreach (var file in new[] { "js/build.mjs", "c/kami_tool.h", "package.json", "package-lock.json" })
        {
            var target = Path.Combine(Guest, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoPaths.Root, "guest", file), target, overwrite: true);
        }
        var bin = Directory.CreateDirectory(_temp.Combine("bin")).FullName;
        // Half the packages, a pause the test ends by creating "go" (or 30 s), then the rest.
        File.WriteAllText(Path.Combine(bin, "npm"), $"""
            #!/bin/sh
            PATH=/usr/bin:/bin
            echo run >> '{NpmRuns}'
            mkdir -p node_modules/@bytecodealliance/componentize-js node_modules/@bytecodealliance/jco-transpile
            touch '{Signals}/halfway'
            i=0
            while [ ! -e '{Signals}/go' ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
            mkdir -p node_modules/esbuild
            """);
        File.SetUnixFileMode(Path.Combine(bin, "npm"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return GuestToolchain.Locate(new CliHost(TextWriter.Null, TextWriter.Null) { GuestDirectory = Guest, SearchPath = bin });
    }

    private static async Task WaitForFileAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!File.Exists(path)) await Task.Delay(20, timeout.Token);
    }

    [Fact]
    public async Task EnsureNpmPackages_MidInstall_GuestHasNoHalfInstalledNodeModules()
    {
        var toolchain = FreshGuest();

        var install = toolchain.EnsureNpmPackagesAsync(_ => { }, CancellationToken.None);
        await WaitForFileAsync(Path.Combine(Signals, "halfway"));

        // npm has written half the packages: a build starting now must not find any of them in guest/.
        Assert.False(Directory.Exists(Path.Combine(Guest, "node_modules")));
        File.WriteAllText(Path.Combine(Signals, "go"), "");
        await install.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(Directory.Exists(Path.Combine(Guest, "node_modules", "esbuild")));
        Assert.True(Directory.Exists(Path.Combine(Guest, "node_modules", "@bytecodealliance", "componentize-js")));
        Assert.Empty(Directory.GetDirectories(Guest, ".npm-staging-*"));
    }

    [Fact]
    public async Task EnsureNpmPackages_AnotherKamiInstalling_WaitsAndUsesItsInstall()
    {
        var toolchain = FreshGuest();
        var notes = new List<string>();
        Task install;
        // Another kami process holds the install lock, as it does while it runs npm.
        using (new FileStream(Path.Combine(Guest, GuestInstallLock.FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            install = toolchain.EnsureNpmPackagesAsync(n => { lock (notes) notes.Add(n); }, CancellationToken.None);
            await Task.Delay(500);
            Assert.False(install.IsCompleted);
            Assert.False(File.Exists(NpmRuns));
            // That kami finishes: its packages are in place when it lets go.
            foreach (var package in new[] { "@bytecodealliance/componentize-js", "@bytecodealliance/jco-transpile", "esbuild" })
                Directory.CreateDirectory(Path.Combine(Guest, "node_modules", package));
        }
        await install.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(File.Exists(NpmRuns));
        lock (notes) Assert.Contains(notes, n => n.Contains("waiting for another kami to finish installing the guest toolchain", StringComparison.Ordinal));
    }
}
