using Kami.Core.Errors;
using Kami.Core.Hosting;
using Kami.Packaging.Install;
using Kami.Packaging.Manifest;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// Installs an <c>oci://</c> artifact through the one verified path: the manifest (by digest: it must hash to that
/// digest), the config and the component are fetched bounded and checked against their digests into a private
/// scratch package (tool.toml + the .wasm), which <see cref="ToolInstaller.Install"/> then treats like any other:
/// pins, signature policy, approval, atomic install. The source recorded is the repository pinned to the manifest digest.
/// </summary>
public sealed class OciInstaller(ToolInstaller installer, KamiPaths paths, DownloadLimits limits)
{
    /// <summary>Where registry credentials are read (<c>KAMI_OCI_&lt;REGISTRY&gt;_USERNAME</c>/<c>_PASSWORD</c>); tests replace it.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Fetches and installs <paramref name="reference"/>; throws a <see cref="KamiException"/> saying why when refused, having installed nothing.</summary>
    public async Task<InstallResult> InstallAsync(OciReference reference, InstallOptions options, CancellationToken cancellation)
    {
        var scratch = Path.Combine(paths.Staging, "oci-" + Guid.NewGuid().ToString("n"));
        PrivateFiles.CreateDirectory(scratch);
        try
        {
            var (digest, note) = await OciConnection.RunAsync(reference, "pull", limits, Environment,
                async (client, note, ct) => (await PullAsync(client, reference, scratch, ct).ConfigureAwait(false), note), cancellation).ConfigureAwait(false);
            var result = installer.Install(scratch, options with { SourceLabel = reference.PinnedTo(digest) });
            return note is null ? result : result with { Notes = [note, .. result.Notes] };
        }
        catch (KamiException e) when (e.Kind is ErrorKind.DownloadFailed or ErrorKind.IntegrityMismatch or ErrorKind.PackageInvalid
            && !e.Message.EndsWith("nothing was installed", StringComparison.Ordinal))
        {
            throw new KamiException(e.Kind, e.Message + "; nothing was installed", e);
        }
        finally
        {
            ToolInstaller.TryDelete(scratch);
        }
    }

    // Writes tool.toml and the component where tool.toml says it is; returns the manifest's digest.
    private async Task<string> PullAsync(OciRegistryClient client, OciReference reference, string directory, CancellationToken cancellation)
    {
        var (manifest, digest) = await client.GetManifestAsync(reference.ManifestReference, cancellation).ConfigureAwait(false);
        if (reference.Digest is { } pinned && pinned != digest)
            throw new KamiException(ErrorKind.IntegrityMismatch,
                $"the manifest the registry sent for {reference} has the digest {digest}, not the one asked for: it was altered at the registry or on the way");
        var where = reference.PinnedTo(digest);
        var (configDescriptor, layer) = OciArtifact.Read(manifest, where);

        using var configBytes = new MemoryStream();
        await client.GetBlobAsync(configDescriptor, "config", configBytes, OciRegistryClient.MaxConfigBytes, cancellation).ConfigureAwait(false);
        var toml = OciArtifact.ToolToml(configBytes.ToArray(), where);
        var parsed = ManifestParser.Parse(toml);
        if (parsed.Manifest is not { } tool) throw new ManifestInvalidException(parsed.Problems);

        PrivateFiles.WriteAllText(Path.Combine(directory, ManifestParser.FileName), toml);
        var wasmFile = Path.Combine(directory, tool.WasmPath);
        // The parser already refuses '..' and absolute paths; this is the belt to its braces before a byte is written.
        if (!PathContainment.IsInside(directory, wasmFile)) throw new KamiException(ErrorKind.PackageInvalid, $"{where} cannot be installed: tool.wasm points outside the package");
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(wasmFile)!);
        var file = new FileStream(wasmFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await client.GetBlobAsync(layer, "component", file, limits.MaxBytes, cancellation).ConfigureAwait(false);
        }
        return digest;
    }
}
