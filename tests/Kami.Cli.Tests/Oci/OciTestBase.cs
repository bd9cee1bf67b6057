using System.Text.Json;
using Kami.Cli.Tests.Trust;
using Kami.TestCommon;

namespace Kami.Cli.Tests.Oci;

/// <summary>A temp KAMI home, the shared loopback registry (a repository of the test's own), and signed echo packages to publish.</summary>
public abstract class OciTestBase(OciRegistryProcess registry) : DistributionTestBase, IClassFixture<OciRegistryProcess>
{
    private protected OciRegistryProcess Registry { get; } = registry;

    /// <summary>A repository no other test uses.</summary>
    private protected string Repository { get; } = "kami/echo-" + Guid.NewGuid().ToString("n")[..8];

    private protected string Reference(string tag = "1.0.0") => $"oci://{Registry.Host}/{Repository}:{tag}";

    private protected string Pinned(string digest) => $"oci://{Registry.Host}/{Repository}@{digest}";

    /// <summary>dev.kami.echo at <paramref name="version"/>, signed by the publisher's key in tool.toml (as `kami sign --write` leaves it).</summary>
    private protected string SignedPackage(string version = "1.0.0") => Publisher.SignedDirectory(version);

    /// <summary>Publishes a signed package through `kami publish --json`; returns the manifest digest it printed.</summary>
    private protected async Task<string> PublishAsync(string version = "1.0.0", string? tag = null)
    {
        var result = (await Cli.RunAsync("publish", SignedPackage(version), Reference(tag ?? version), "--json")).Ok();
        using var json = JsonDocument.Parse(result.Out);
        return json.RootElement.GetProperty("digest").GetString()!;
    }

    private protected async Task<string> InstalledSourceAsync()
    {
        var inspect = (await Cli.RunAsync("inspect", "dev.kami.echo", "--json")).Ok();
        using var json = JsonDocument.Parse(inspect.Out);
        return json.RootElement.GetProperty("source").GetString()!;
    }

    /// <summary>Changes the stored bytes of a blob in place, keeping its length, as a compromised registry could.</summary>
    private protected void Tamper(string digest, Func<byte[], byte[]> change)
    {
        var file = Registry.BlobFile(digest);
        File.WriteAllBytes(file, change(File.ReadAllBytes(file)));
    }

    /// <summary>The digest of the component layer and of the config in the manifest stored under <paramref name="manifestDigest"/>.</summary>
    private protected (string Layer, string Config) BlobsOf(string manifestDigest)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Registry.BlobFile(manifestDigest)));
        return (json.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!,
            json.RootElement.GetProperty("config").GetProperty("digest").GetString()!);
    }
}
