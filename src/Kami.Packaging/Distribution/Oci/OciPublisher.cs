using Kami.Core.Errors;
using Kami.Core.Security;
using Kami.Packaging.Packages;

namespace Kami.Packaging.Distribution.Oci;

/// <summary>
/// Pushes a signed package as a Wasm OCI artifact (<see cref="OciArtifact"/>): the component and config blobs
/// (skipped when the registry has them), then the manifest under the tag.
/// </summary>
public sealed class OciPublisher(DownloadLimits limits, TimeProvider time)
{
    /// <summary>Where registry credentials are read (<c>KAMI_OCI_&lt;REGISTRY&gt;_USERNAME</c>/<c>_PASSWORD</c>); tests replace it.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Publishes the package at <paramref name="packagePath"/> to <paramref name="target"/> (which must carry a tag).</summary>
    public async Task<OciPublishResult> PublishAsync(string packagePath, OciReference target, CancellationToken cancellation)
    {
        if (target.Tag is null || target.Digest is not null)
            throw new KamiException(ErrorKind.InvalidInput, $"publish to a tag, as in oci://{target.Host}/{target.Repository}:1.0.0; the registry gives the digest back");
        var scratch = Path.Combine(Path.GetTempPath(), "kami-publish-" + Guid.NewGuid().ToString("n"));
        try
        {
            var package = PackageReader.Read(packagePath, scratch).GetPackageOrThrow();
            var wasm = File.ReadAllBytes(package.WasmFile);
            var signature = PublishableSignature.Require(package, wasm, packagePath);
            var artifact = OciArtifact.Build(package, wasm, time.GetUtcNow());
            var (digest, note) = await OciConnection.RunAsync(target, "pull,push", limits, Environment, async (client, note, ct) =>
            {
                await client.PutBlobAsync(artifact.Wasm, artifact.WasmDigest, ct).ConfigureAwait(false);
                await client.PutBlobAsync(artifact.Config, artifact.ConfigDigest, ct).ConfigureAwait(false);
                return (await client.PutManifestAsync(target.Tag, artifact.Manifest, ct).ConfigureAwait(false), note);
            }, cancellation).ConfigureAwait(false);
            return new OciPublishResult(package.Manifest, target, digest, IntegrityHash.Of(wasm), signature.SignerPublicKey, note);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }
}
