using Kami.Core.Security;
using Kami.Core.Errors;
using Kami.Core.Hosting;
using Kami.Core.Registry;
using Kami.Core.Tools;
using Kami.Core.Trust;
using Kami.Packaging.Packages;
using Kami.Packaging.Trust;

namespace Kami.Packaging.Install;

/// <summary>
/// Installs and removes packages so that a crash at any point leaves the old state or the new one.
/// Files go to a staging directory, are renamed into a content-addressed directory
/// (<c>tools/&lt;id&gt;/&lt;version&gt;/&lt;sha256 prefix&gt;</c>) that no row points at yet, and only then does one
/// registry transaction make them visible. A crash before the commit leaves an unreferenced directory,
/// which <see cref="InstallSweeper"/> removes later; a crash after it leaves the new tool complete.
/// </summary>
/// <param name="registry">Where installed tools are recorded.</param>
/// <param name="history">The same registry's previous versions (rollback), an explicit port so every adapter provides it.</param>
/// <param name="paths">The KAMI home.</param>
/// <param name="time">The clock for install times and the sweeper.</param>
public sealed class ToolInstaller(IToolRegistry registry, IToolHistory history, KamiPaths paths, TimeProvider time)
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
            var signature = SignatureOf(manifest, options);
            InstallVersionRule.Enforce(existing, manifest, signature, options);
            // Two tools must never be served under one MCP name, in either naming style (issue 9 item 3).
            if (ToolNaming.FindCollision(manifest.Id, registry.List(ToolQuery.All).Select(t => t.Id)) is { } collision) throw collision.ToException();
            // Integrity and signature come before the approval: a tampered or mis-signed package is refused, not offered.
            var wasm = File.ReadAllBytes(package.WasmFile);
            var sha = IntegrityHash.Of(wasm);
            CheckExpectedSha256(source, sha, options.ExpectedSha256);
            var notes = read.Notes.ToList();
            if (SignatureCheck.Enforce(manifest, wasm, sha, signature, options.Trust ?? Unrequired) is { } note) notes.Add(note);

            // Asked about exactly the manifest this install records, read once: nothing is copied or granted before.
            // The approver sees the signature that was checked, so the consent can say what it does not cover.
            options.Approve?.Invoke(manifest with { Signature = signature });

            var target = paths.InstallDirectory(manifest.Id, manifest.Version, sha);
            var built = Path.Combine(staging, "built");
            CopyPackage(package, built);
            if (IntegrityHash.OfFile(Path.Combine(built, manifest.WasmPath)) != sha)
                throw new KamiException(ErrorKind.PackageInvalid, $"{manifest.WasmPath} changed while it was being installed; try again");
            AfterStep?.Invoke(InstallStep.Copied);

            Publish(built, target);
            AfterStep?.Invoke(InstallStep.Published);

            var tool = new InstalledTool(manifest, sha, target, Enabled: true, time.GetUtcNow(), options.SourceLabel ?? Path.GetFullPath(source))
            {
                Signature = signature?.Signature,
                SignerPublicKey = signature?.SignerPublicKey,
                ManifestSignature = signature?.ManifestSignature,
                Pinned = existing?.Pinned ?? false,
            };
            var (replaced, obsolete) = Record(tool, existing);
            AfterStep?.Invoke(InstallStep.Recorded);

            // The replaced version stays as the previous one (rollback); the one before it goes, unless the new row uses its files.
            if (obsolete is not null && !SamePath(obsolete.InstallPath, target) && (replaced is null || !SamePath(obsolete.InstallPath, replaced.InstallPath)))
                RemoveInstallDirectory(obsolete.InstallPath);
            AfterStep?.Invoke(InstallStep.Cleaned);
            return new InstallResult(tool, replaced, notes);
        }
        finally
        {
            TryDelete(staging);
        }
    }

    // A signature given from outside (index, flags) wins; the package's own manifest signature still counts when it is
    // by the same signer, since it is checked against the same key.
    private static ToolSignature? SignatureOf(ToolManifest manifest, InstallOptions options)
    {
        if (options.Signature is not { } external) return manifest.Signature;
        if (external.ManifestSignature is null && manifest.Signature is { ManifestSignature: { } own } packaged
            && packaged.SignerPublicKey.Equals(external.SignerPublicKey, StringComparison.OrdinalIgnoreCase))
            return external with { ManifestSignature = own };
        return external;
    }

    private static readonly SignaturePolicy Unrequired = new(false, Ed25519Signatures.Instance, _ => false);

    // The replaced row becomes the previous version and the older previous is obsolete. A forced re-install of the
    // same bytes keeps the older previous (the replaced row is obsolete instead).
    private (InstalledTool? Replaced, InstalledTool? Obsolete) Record(InstalledTool tool, InstalledTool? existing)
    {
        if (existing is not null && existing.WasmSha256 == tool.WasmSha256 && existing.Manifest.Version == tool.Manifest.Version)
        {
            var replaced = registry.Upsert(tool);
            return (replaced, replaced);
        }
        return history.UpsertKeepingPrevious(tool);
    }

    private static void CheckExpectedSha256(string source, string wasmSha, string? expected)
    {
        if (expected is null) return;
        if (expected.Equals(wasmSha, StringComparison.OrdinalIgnoreCase)) return;
        if (File.Exists(source) && expected.Equals(IntegrityHash.OfFile(source), StringComparison.OrdinalIgnoreCase)) return;
        throw new KamiException(ErrorKind.IntegrityMismatch,
            $"the package does not match the expected sha256 {expected} (its .wasm has {wasmSha}): it was altered or is not the one you meant; nothing was installed");
    }

    /// <summary>
    /// Removes the tool, its files and (unless <paramref name="keepData"/>) its data directory, so that a later
    /// package with the same id, from anyone, starts empty instead of reading this tool's notes. An upgrade is an
    /// install, not an uninstall: it keeps the data.
    /// </summary>
    public InstalledTool Uninstall(ToolId id, bool keepData = false)
    {
        var previous = history.Previous(id);
        var removed = registry.Remove(id)
            ?? throw KamiException.ToolNotInstalled(id);
        RemoveInstallDirectory(removed.InstallPath);
        if (previous is not null && !SamePath(previous.InstallPath, removed.InstallPath)) RemoveInstallDirectory(previous.InstallPath);
        if (!keepData) DataDirectories.Remove(paths.DataDirectory(id));
        return removed;
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
