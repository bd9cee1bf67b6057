using Kami.Core.Errors;
using Kami.Packaging.Distribution;
using Kami.Packaging.Distribution.Oci;
using Kami.Packaging.Install;
using Kami.Packaging.Tests.Install;

namespace Kami.Packaging.Tests.Distribution.Oci;

/// <summary>The anonymous Bearer flow ghcr.io uses, per-registry credentials, and where the token and credentials may go.</summary>
public sealed class OciTokenFlowTests : IDisposable
{
    private readonly InstallerFixture _fixture = new();
    private readonly Kami.TestCommon.TempDirectory _temp = new();

    private OciInstaller Installer(Func<string, string?>? environment = null) =>
        new(_fixture.Installer, _fixture.Paths, DownloadLimits.Default) { Environment = environment ?? (_ => null) };

    [Fact]
    public async Task Install_BearerChallenge_FetchesAnAnonymousTokenAndNeverSendsItToTheCdn()
    {
        using var registry = new FakeOciRegistry(OciArtifactTests.Echo(_temp));

        var result = await Installer().InstallAsync(OciReference.Parse($"oci://{registry.Host}/kami/echo:1.0.0"), new InstallOptions(), CancellationToken.None);

        Assert.Equal($"oci://{registry.Host}/kami/echo@{registry.Artifact.ManifestDigest}", result.Tool.Source);
        var token = Assert.Single(registry.Requests, r => r.Path.StartsWith("/token", StringComparison.Ordinal));
        Assert.Contains("service=fake-registry", token.Path, StringComparison.Ordinal);
        Assert.Contains("scope=repository%3Akami%2Fecho%3Apull", token.Path, StringComparison.Ordinal);
        Assert.False(token.Headers.ContainsKey("authorization"), "anonymous: no credentials are configured");
        var cdn = Assert.Single(registry.Requests, r => r.Headers["host"].StartsWith("localhost", StringComparison.Ordinal));
        Assert.False(cdn.Headers.ContainsKey("authorization"), "the registry's token must not follow a redirect to another origin");
        Assert.Contains(registry.Requests, r => r.Path.Contains("/manifests/", StringComparison.Ordinal) && r.Headers.GetValueOrDefault("authorization") == "Bearer " + FakeOciRegistry.Token);
    }

    [Fact]
    public async Task Install_CredentialsForThatRegistry_AreSentToItsTokenService()
    {
        using var registry = new FakeOciRegistry(OciArtifactTests.Echo(_temp), requireBasic: true);
        var (user, password) = OciCredentials.VariableNames(registry.Host);
        var env = new Dictionary<string, string> { [user] = "me", [password] = "s3cret" };

        await Installer(n => env.GetValueOrDefault(n)).InstallAsync(OciReference.Parse($"oci://{registry.Host}/kami/echo:1.0.0"), new InstallOptions(), CancellationToken.None);

        Assert.Contains(registry.Requests, r => r.Path.StartsWith("/token", StringComparison.Ordinal) && r.Headers.GetValueOrDefault("authorization") == registry.ExpectedBasic);
    }

    [Fact]
    public async Task Install_TokenRefusedWithoutCredentials_SaysWhichVariablesToSet()
    {
        using var registry = new FakeOciRegistry(OciArtifactTests.Echo(_temp), requireBasic: true);
        var env = new Dictionary<string, string> { ["KAMI_OCI_GHCR_IO_USERNAME"] = "me", ["KAMI_OCI_GHCR_IO_PASSWORD"] = "s3cret" };

        var e = await Assert.ThrowsAsync<KamiException>(() =>
            Installer(n => env.GetValueOrDefault(n)).InstallAsync(OciReference.Parse($"oci://{registry.Host}/kami/echo:1.0.0"), new InstallOptions(), CancellationToken.None));

        var (user, password) = OciCredentials.VariableNames(registry.Host);
        Assert.Contains($"set {user} and {password}", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was installed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(registry.Requests, r => r.Headers.ContainsKey("authorization") && r.Headers["authorization"].StartsWith("Basic", StringComparison.Ordinal));
        Assert.Null(_fixture.Registry.Find(InstallerFixture.EchoId));
    }

    public void Dispose()
    {
        _fixture.Dispose();
        _temp.Dispose();
    }
}
