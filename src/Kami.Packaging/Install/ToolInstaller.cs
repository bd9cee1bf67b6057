using Kami.Core.Security;
using Kami.Core.Errors;
using Kami.Core.Hosting;
using Kami.Core.Registry;
using Kami.Core.Tools;
using Kami.Packaging.Packages;

namespace Kami.Packaging.Install;

/// <summary>
/// Installs and removes packages so that a crash at any point leaves the old state or the new one.
/// Files go to a staging directory, are renamed into a content-addressed directory
/// (<c>tools/&lt;id&gt;/&lt;version&gt;/&lt;sha256 prefix&gt;</c>) that no row points at yet, and only then does one
/// registry transaction make them visible. A crash before the commit leaves an unreferenced directory,
/// which <see cref="InstallSweeper"/> removes later; a crash after it leaves the new tool complete.
/// </summary>
public sealed class ToolInstaller(IToolRegistry registry, KamiPaths paths, TimeProvider time)
{
    /// <summary>Test seam: called after each step so tests can fail an install mid-way.</summary>
    internal Action<InstallStep>? AfterStep { get; set; }

    /// <summary>
    /// Reads, checks and installs the package at <paramref name="source"/> (a directory, its tool.toml or a plugin.zip).
    /// Throws <see cref="KamiException"/> for a bad package, an install that needs <see cref="InstallOptions.Force"/>, or a name collision,
    /// and whatever <see cref="InstallOptions.Approve"/> throws; nothing is changed then.
    /// </summary>
    public InstallResult Install(string source, InstallOptions options)
    {
        InstallSweeper.Sweep(paths, registry, time);
        var staging = Path.Combine(paths.Staging, Guid.NewGuid().ToString("n"));
        PrivateFiles.CreateDirectory(staging);
        try
        {
            var read = PackageReader.Read(source, Path.Combine(staging, "unpacked"));
            var package = read.GetPackageOrThrow();
            var manifest = package.Manifest;
            AfterStep?.Invoke(InstallStep.Staged);

            var existing = registry.Find(manifest.Id);
            RefuseUnlessForced(existing, manifest, options);
            // Two tools must never be served under one MCP name, in either naming style (issue 9 item 3).
            if (ToolNaming.FindCollision(manifest.Id, registry.List(ToolQuery.All).Select(t => t.Id)) is { } collision) throw collision.ToException();
            // Asked about exactly the manifest this install records, read once: nothing is copied or granted before.
            options.Approve?.Invoke(manifest);

            var sha = IntegrityHash.OfFile(package.WasmFile);
            var target = paths.InstallDirectory(manifest.Id, manifest.Version, sha);
            var built = Path.Combine(staging, "built");
            CopyPackage(package, built);
            if (IntegrityHash.OfFile(Path.Combine(built, manifest.WasmPath)) != sha)
                throw new KamiException(ErrorKind.PackageInvalid, $"{manifest.WasmPath} changed while it was being installed; try again");
            AfterStep?.Invoke(InstallStep.Copied);

            Publish(built, target);
            AfterStep?.Invoke(InstallStep.Published);

            var tool = new InstalledTool(manifest, sha, target, Enabled: true, time.GetUtcNow(), Path.GetFullPath(source));
            var replaced = registry.Upsert(tool);
            AfterStep?.Invoke(InstallStep.Recorded);

            if (replaced is not null && !SamePath(replaced.InstallPath, target)) RemoveInstallDirectory(replaced.InstallPath);
            AfterStep?.Invoke(InstallStep.Cleaned);
            return new InstallResult(tool, replaced, read.Notes);
        }
        finally
        {
            TryDelete(staging);
        }
    }

    /// <summary>
    /// Removes the tool, its files and (unless <paramref name="keepData"/>) its data directory, so that a later
    /// package with the same id, from anyone, starts empty instead of reading this tool's notes. An upgrade is an
    /// install, not an uninstall: it keeps the data.
    /// </summary>
    public InstalledTool Uninstall(ToolId id, bool keepData = false)
    {
        var removed = registry.Remove(id)
            ?? throw KamiException.ToolNotInstalled(id);
        RemoveInstallDirectory(removed.InstallPath);
        if (!keepData) DataDirectories.Remove(paths.DataDirectory(id));
        return removed;
    }

    private static void RefuseUnlessForced(InstalledTool? existing, ToolManifest manifest, InstallOptions options)
    {
        if (existing is null || options.Force) return;
        var installed = existing.Manifest.Version;
        if (installed == manifest.Version)
            throw new KamiException(ErrorKind.ToolAlreadyInstalled,
                $"{manifest.Id} {manifest.Version} is already installed; use --force to re-install it (this also re-approves a changed .wasm)");
        if (installed > manifest.Version)
            throw new KamiException(ErrorKind.ToolAlreadyInstalled,
                $"{manifest.Id} {installed} is installed, which is newer than {manifest.Version}; use --force to downgrade");
    }

    private static void CopyPackage(LoadedPackage package, string built)
    {
        Directory.CreateDirectory(built);
        File.WriteAllText(Path.Combine(built, "tool.toml"), package.ManifestText);
        var wasmTarget = Path.Combine(built, package.Manifest.WasmPath);
        Directory.CreateDirectory(Path.GetDirectoryName(wasmTarget)!);
        File.Copy(package.WasmFile, wasmTarget);
        using (var stream = new FileStream(wasmTarget, FileMode.Open, FileAccess.ReadWrite)) stream.Flush(flushToDisk: true);
    }

    // The target is named by the component's hash, so if it already exists (an earlier install of the same
    // bytes, or a crash after the rename) it already holds exactly these files.
    private static void Publish(string built, string target)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (Directory.Exists(target)) return;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                Directory.Move(built, target);
                return;
            }
            catch (DirectoryNotFoundException) when (attempt < 3)
            {
                // A sweeper in another process removed the empty version directory in between; recreate it.
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another process published the same bytes first.
                return;
            }
        }
    }

    private void RemoveInstallDirectory(string installPath)
    {
        if (!IsUnderTools(installPath)) return;
        TryDelete(installPath);
        // Remove the now-empty version and id directories; stop at the first that still holds something.
        var parent = Path.GetDirectoryName(installPath);
        for (var i = 0; i < 2 && parent is not null && IsUnderTools(parent); i++, parent = Path.GetDirectoryName(parent))
        {
            try { Directory.Delete(parent); } catch (IOException) { break; } catch (UnauthorizedAccessException) { break; }
        }
    }

    private bool IsUnderTools(string path) => PathContainment.IsInside(paths.Tools, path);

    private static bool SamePath(string a, string b) => Path.GetFullPath(a) == Path.GetFullPath(b);

    internal static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
