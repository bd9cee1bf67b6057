using Kami.TestCommon;

namespace Kami.Cli.Tests.Oci;

/// <summary>kami publish to, and kami install from, a real OCI registry on loopback; then the tool runs.</summary>
public sealed class OciInstallTests(OciRegistryProcess registry) : OciTestBase(registry)
{
    private const string EchoInput = """{"text":"hi"}""";

    [Fact]
    public async Task PublishThenInstallByTag_RunsTheTool_AndRecordsTheDigest()
    {
        var published = (await Cli.RunAsync("publish", SignedPackage(), Reference())).Ok();
        Assert.Contains($"published dev.kami.echo 1.0.0 to {Reference()}", published.Out, StringComparison.Ordinal);
        var digest = published.Out.Split('\n').Single(l => l.Contains("digest ", StringComparison.Ordinal)).Trim()["digest ".Length..];

        var installed = (await Cli.RunAsync("install", Reference())).Ok();

        Assert.Contains("installed dev.kami.echo 1.0.0", installed.Out, StringComparison.Ordinal);
        Assert.Equal(Pinned(digest), await InstalledSourceAsync());
        var run = (await Cli.RunAsync("exec", "dev.kami.echo", "--input", EchoInput)).Ok();
        Assert.Contains("""{"echo":"hi"}""", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallByDigest_TagMovedSince_InstallsTheArtifactNamed()
    {
        var first = await PublishAsync("1.0.0", tag: "stable");
        await PublishAsync("2.0.0", tag: "stable");

        (await Cli.RunAsync("install", Pinned(first))).Ok();

        Assert.Equal(Pinned(first), await InstalledSourceAsync());
        Assert.Equal("1.0.0", await InstalledVersionAsync());
        (await Cli.RunAsync("exec", "dev.kami.echo", "--input", EchoInput)).Ok();
    }

    [Fact]
    public async Task Install_Sha256PinOfAnotherComponent_IsRefused()
    {
        await PublishAsync();

        var result = (await Cli.RunAsync("install", Reference(), "--sha256", new string('0', 64))).UserError();

        Assert.Contains("does not match the expected sha256", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
        (await Cli.RunAsync("install", Reference(), "--sha256", Trust.Publisher.Sha(Trust.Publisher.EchoWasm))).Ok();
    }

    [Fact]
    public async Task Install_ThroughWellKnownRegistryJson_FindsTheRepositoryAtTheRegistryItNames()
    {
        var digest = await PublishAsync();
        var name = Repository["kami/".Length..];
        Server.MapText("/.well-known/wasm-pkg/registry.json",
            $$$"""{"preferredProtocol":"oci","oci":{"registry":"{{{Registry.Host}}}","namespacePrefix":"kami/"}}""");
        var host = new Uri(Server.BaseUrl).Authority;

        (await Cli.RunAsync("install", $"oci://{host}/{name}:1.0.0")).Ok();

        Assert.Equal($"oci://{host}/{name}@{digest}", await InstalledSourceAsync());
    }

    [Fact]
    public async Task Install_UnknownTag_SaysItWasNotFound()
    {
        await PublishAsync();

        var result = (await Cli.RunAsync("install", Reference("9.9.9"))).UserError();

        Assert.Contains("was not found (HTTP 404 MANIFEST_UNKNOWN)", result.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was installed", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_MalformedReference_SaysTheForm()
    {
        var result = (await Cli.RunAsync("install", $"oci://{Registry.Host}/Kami/Echo")).UserError();

        Assert.Contains("is not an OCI reference", result.Err, StringComparison.Ordinal);
        Assert.Contains("oci://HOST/NAMESPACE/NAME:TAG", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ToADigest_IsRefused()
    {
        var result = (await Cli.RunAsync("publish", SignedPackage(), Pinned("sha256:" + new string('a', 64)))).UserError();

        Assert.Contains("publish to a tag", result.Err, StringComparison.Ordinal);
    }
}
