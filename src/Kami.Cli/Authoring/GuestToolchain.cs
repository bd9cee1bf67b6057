using System.Diagnostics;
using System.Text;
using Kami.Core.Errors;

namespace Kami.Cli.Authoring;

/// <summary>
/// The guest toolchain of a KAMI checkout: <c>guest/</c> (C SDK, JS SDK, build scripts, templates) and the
/// programs it runs (node, npm, clang). Found through <c>KAMI_GUEST_DIR</c>, else by walking up from the
/// <c>kami</c> binary (a build in a checkout). Never from the current directory: a package being built could
/// then bring its own "toolchain" and run anything. The npm packages are installed on first use.
/// </summary>
internal sealed class GuestToolchain
{
    public const string DirectoryVariable = "KAMI_GUEST_DIR";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private readonly string? _searchPath;

    private GuestToolchain(string root, string? searchPath)
    {
        Root = root;
        _searchPath = searchPath;
    }

    /// <summary>The guest/ directory.</summary>
    public string Root { get; }

    public string Templates => Path.Combine(Root, "templates");
    public string JsSdk => Path.Combine(Root, "js");

    public static GuestToolchain Locate(CliHost host)
    {
        if ((host.GuestDirectory ?? Environment.GetEnvironmentVariable(DirectoryVariable)) is { Length: > 0 } configured)
        {
            if (!IsGuestDirectory(configured))
                throw new KamiException(ErrorKind.InvalidInput, $"{DirectoryVariable}={configured} is not a KAMI guest/ directory (it has no js/build.mjs and c/kami_tool.h)");
            return new(Path.GetFullPath(configured), host.SearchPath);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "guest");
            if (IsGuestDirectory(candidate)) return new(candidate, host.SearchPath);
        }
        throw new KamiException(ErrorKind.InvalidInput,
            $"cannot find KAMI's guest toolchain (the guest/ directory of a KAMI checkout) above {AppContext.BaseDirectory}; "
            + $"set {DirectoryVariable} to its path, e.g. export {DirectoryVariable}=~/src/kami/guest");
    }

    private static bool IsGuestDirectory(string dir) =>
        File.Exists(Path.Combine(dir, "js", "build.mjs")) && File.Exists(Path.Combine(dir, "c", "kami_tool.h"));

    /// <summary>The full path of a program on the search path, or null.</summary>
    public string? Find(string program)
    {
        var path = _searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public string Require(string program, string howToInstall) =>
        Find(program) ?? throw new KamiException(ErrorKind.InvalidInput, $"{program} is not installed (not found on PATH): {howToInstall}");

    /// <summary>
    /// Installs guest/'s npm packages when they are missing (first use), saying so. Several kami processes may start
    /// their first build together (an installed kami ships guest/ without node_modules): one installs while the others
    /// wait on a lock file, and the packages are installed into a staging directory and moved into place whole, so no
    /// build ever runs against a half-installed node_modules.
    /// </summary>
    public async Task EnsureNpmPackagesAsync(Action<string> progress, CancellationToken cancellation)
    {
        if (NpmPackagesInstalled(Root)) return;
        await InstallLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            using var installing = await GuestInstallLock.AcquireAsync(Root, progress, cancellation).ConfigureAwait(false);
            if (NpmPackagesInstalled(Root)) return; // another process installed them while this one waited
            var npm = Require("npm", "install Node.js 20+ with npm (e.g. apt-get install nodejs npm), then run guest/install-toolchain.sh");
            progress($"installing the guest toolchain (npm ci in {Root}; first use only, about a minute)...");
            var staging = Path.Combine(Root, $".npm-staging-{Guid.NewGuid():n}");
            try
            {
                Directory.CreateDirectory(staging);
                foreach (var file in new[] { "package.json", "package-lock.json" }) File.Copy(Path.Combine(Root, file), Path.Combine(staging, file));
                var result = await RunAsync(npm, ["ci", "--no-audit", "--no-fund"], staging, cancellation).ConfigureAwait(false);
                if (result.ExitCode != 0 || !NpmPackagesInstalled(staging))
                    throw new KamiException(ErrorKind.InvalidInput,
                        $"npm could not install the guest toolchain in {Root} (exit {result.ExitCode}): {LastLines(result.Output, 5)}; check the network and run guest/install-toolchain.sh");
                var target = Path.Combine(Root, "node_modules");
                // Left by an install from before the staging directory (or by hand) and incomplete: nobody can be using it.
                if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
                Directory.Move(Path.Combine(staging, "node_modules"), target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CannotInstall(Root, e);
            }
            finally
            {
                try { if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>The error for a guest/ whose packages cannot be installed there (not writable, a disk problem).</summary>
    public static KamiException CannotInstall(string guestRoot, Exception e) => new(ErrorKind.InvalidInput,
        $"cannot install the guest toolchain in {guestRoot}: {e.Message}; run guest/install-toolchain.sh as the owner of that directory, or set {DirectoryVariable} to a guest/ you can write");

    private static bool NpmPackagesInstalled(string dir) =>
        Directory.Exists(Path.Combine(dir, "node_modules", "@bytecodealliance", "componentize-js"))
        && Directory.Exists(Path.Combine(dir, "node_modules", "@bytecodealliance", "jco-transpile"))
        && Directory.Exists(Path.Combine(dir, "node_modules", "esbuild"));

    /// <summary>Runs a program to completion; stdout and stderr come back interleaved, as a person would see them.</summary>
    public async Task<ProcessResult> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (_searchPath is not null) start.Environment["PATH"] = _searchPath;
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit(); // drains the output events
        lock (output) return new ProcessResult(process.ExitCode, output.ToString());
    }

    public static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
