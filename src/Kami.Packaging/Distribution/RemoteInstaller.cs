using Kami.Core.Errors;
using Kami.Core.Hosting;
using Kami.Core.Trust;
using Kami.Packaging.Install;

namespace Kami.Packaging.Distribution;

/// <summary>
/// Every remote source ends in the one install path: the package is downloaded (bounded, checked) into a private
/// scratch file, then <see cref="ToolInstaller.Install"/> applies the zip rules, the sha256 and the signature, and
/// installs atomically. An index entry pins the .wasm's sha256 and the package's id and version, and its manifest
/// digest when it gives <c>manifest_sha256</c>.
/// </summary>
public sealed class RemoteInstaller(ToolInstaller installer, KamiPaths paths, SafeDownloader downloader, DownloadLimits limits)
{
    /// <summary>Where GitHub shorthands resolve; tests point it at a loopback server.</summary>
    public string GitHubBase { get; init; } = PackageSource.GitHubBase;

    /// <summary>Downloads the package at <paramref name="url"/> and installs it through the one verified path.</summary>
    public async Task<InstallResult> InstallUrlAsync(Uri url, InstallOptions options, CancellationToken cancellation)
    {
        SafeDownloader.RequireSafeScheme(url);
        var scratch = Path.Combine(paths.Staging, "download-" + Guid.NewGuid().ToString("n"));
        PrivateFiles.CreateDirectory(scratch);
        try
        {
            var file = Path.Combine(scratch, "plugin.zip");
            try
            {
                await downloader.DownloadAsync(url, file, limits, cancellation).ConfigureAwait(false);
            }
            catch (KamiException e) when (e.Kind == ErrorKind.DownloadFailed)
            {
                throw new KamiException(e.Kind, e.Message + "; nothing was installed", e);
            }
            return installer.Install(file, options with { SourceLabel = options.SourceLabel ?? url.ToString() });
        }
        finally
        {
            ToolInstaller.TryDelete(scratch);
        }
    }

    /// <summary>Installs a GitHub release's plugin.zip through the one verified path.</summary>
    public Task<InstallResult> InstallGitHubAsync(PackageSource.GitHub release, InstallOptions options, CancellationToken cancellation) =>
        InstallUrlAsync(release.Address(GitHubBase), options with { SourceLabel = $"{release.Owner}/{release.Repo}@{release.Tag}" }, cancellation);

    /// <summary>Installs an index entry, pinned to its <c>wasm_sha256</c>, id and version, with its signature when it has one.</summary>
    public Task<InstallResult> InstallEntryAsync(IndexEntry entry, InstallOptions options, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(entry.WasmSha256) || entry.WasmSha256.Length != 64 || !entry.WasmSha256.All(char.IsAsciiHexDigit))
            throw new KamiException(ErrorKind.PackageInvalid, $"the index entry for {entry.Id} {entry.Version} has no valid wasm_sha256, so its download cannot be checked; nothing was installed");
        var signature = ToolSignature.From(entry.Signature?.ToLowerInvariant(), entry.SignerPublicKey?.ToLowerInvariant(), entry.ManifestSignature?.ToLowerInvariant());
        var approve = options.Approve;
        return InstallUrlAsync(new Uri(entry.DownloadUrl), options with
        {
            ExpectedSha256 = entry.WasmSha256,
            Signature = signature ?? options.Signature,
            SourceLabel = $"index {entry.Id}@{entry.Version} ({entry.DownloadUrl})",
            // The package must be the one the index describes, not another tool behind the same hash-checked URL.
            Approve = manifest =>
            {
                if (!manifest.Id.Value.Equals(entry.Id, StringComparison.OrdinalIgnoreCase) || manifest.Version != RegistryIndex.VersionOf(entry))
                    throw new KamiException(ErrorKind.PackageInvalid,
                        $"the index lists {entry.Id} {entry.Version}, but the package it points at is {manifest.Id} {manifest.Version}; nothing was installed");
                if (entry.ManifestSha256 is { } pinned && !pinned.Equals(ManifestStatement.Digest(manifest, entry.WasmSha256), StringComparison.OrdinalIgnoreCase))
                    throw new KamiException(ErrorKind.IntegrityMismatch,
                        $"the index pins the manifest of {entry.Id} {entry.Version} to {pinned}, but the package's tool.toml differs (its grants, limits, arguments or description changed); nothing was installed");
                approve?.Invoke(manifest);
            },
        }, cancellation);
    }
}
