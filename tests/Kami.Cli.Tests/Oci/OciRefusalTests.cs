using Kami.TestCommon;
using Microsoft.AspNetCore.Http;

namespace Kami.Cli.Tests.Oci;

/// <summary>What a tampering registry, an unsigned package, plain HTTP or an untrusted signer gets: refused, nothing installed or pushed.</summary>
public sealed class OciRefusalTests(OciRegistryProcess registry) : OciTestBase(registry)
{
    [Fact]
    public async Task InstallByTag_ComponentBlobAlteredAtTheRegistry_IsRefused()
    {
        var digest = await PublishAsync();
        var (layer, _) = BlobsOf(digest);
        Tamper(layer, bytes => [.. bytes[..^1], (byte)(bytes[^1] ^ 1)]);

        var result = (await Cli.RunAsync("install", Reference())).UserError();

        Assert.Contains($"the component of {Registry.Host}/{Repository} does not match its digest: the manifest says {layer}", result.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was installed", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task Install_ConfigBlobAlteredAtTheRegistry_IsRefused()
    {
        var digest = await PublishAsync();
        var (_, config) = BlobsOf(digest);
        // The tool.toml inside asks for the network now; the digest no longer matches.
        Tamper(config, bytes => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("echo", "ecHo", StringComparison.Ordinal)));

        var result = (await Cli.RunAsync("install", Pinned(digest))).UserError();

        Assert.Contains("the config of", result.Err, StringComparison.Ordinal);
        Assert.Contains("does not match its digest", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task InstallByDigest_ManifestAlteredAtTheRegistry_IsRefused()
    {
        var digest = await PublishAsync();
        Tamper(digest, bytes => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("\"1.0.0\"", "\"6.6.6\"", StringComparison.Ordinal)));

        var byDigest = (await Cli.RunAsync("install", Pinned(digest))).UserError();
        Assert.Contains($"the manifest the registry sent for {Pinned(digest)} has the digest sha256:", byDigest.Err, StringComparison.Ordinal);
        Assert.Contains("not the one asked for", byDigest.Err, StringComparison.Ordinal);

        // By tag there is only the digest the registry states, and the bytes do not match it either.
        var byTag = (await Cli.RunAsync("install", Reference())).UserError();
        Assert.Contains("does not match its digest: the registry says " + digest, byTag.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task Publish_UnsignedPackage_IsRefusedAndSaysToSign()
    {
        var unsigned = Publisher.Directory();

        var result = (await Cli.RunAsync("publish", unsigned, Reference())).UserError();

        Assert.Contains("dev.kami.echo 1.0.0 is not signed", result.Err, StringComparison.Ordinal);
        Assert.Contains($"run `kami sign {unsigned} --write` first", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Registry.Storage, "docker", "registry", "v2", "repositories", Repository)), "nothing may reach the registry");
    }

    [Fact]
    public async Task Publish_SignatureOfAnotherComponent_IsRefused()
    {
        var other = Publisher.Sign([.. Trust.Publisher.EchoWasm, 0]);
        var package = Publisher.Directory(toolLines: $"signature = \"{other.Signature}\"\nsigner_public_key = \"{other.SignerPublicKey}\"");

        var result = (await Cli.RunAsync("publish", package, Reference())).UserError();

        Assert.Contains("does not match its .wasm", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_UntrustedSignerUnderRequireSignature_IsRefusedAsForAUrl()
    {
        Config("require_signature = true\n");
        await PublishAsync();

        var refused = (await Cli.RunAsync("install", Reference())).UserError();
        Assert.Contains($"signed by {Publisher.Key.Public}, which is not a trusted signer", refused.Err, StringComparison.Ordinal);
        Assert.Contains("kami trust add " + Publisher.Key.Public, refused.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();

        (await Cli.RunAsync("trust", "add", Publisher.Key.Public, "--name", "kami-dev")).Ok();
        var installed = (await Cli.RunAsync("install", Reference())).Ok();
        Assert.Contains("signed by a trusted signer", installed.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_BlobRedirectedToPlainHttpOnAnotherHost_IsRefusedBeforeConnecting()
    {
        ServeFakeArtifact(config: context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "http://192.0.2.1/blobs/config";
            return Task.CompletedTask;
        });

        var result = (await Cli.RunAsync("install", $"oci://{new Uri(Server.BaseUrl).Authority}/kami/echo:1.0.0")).UserError();

        Assert.Contains("http://192.0.2.1/blobs/config uses plain HTTP", result.Err, StringComparison.Ordinal);
        await AssertNothingInstalledAsync();
    }

    [Fact]
    public async Task Install_TokenRealmOverPlainHttpOnAnotherHost_IsRefused()
    {
        Server.Map("/v2/kami/echo/manifests/1.0.0", context =>
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = """Bearer realm="http://192.0.2.1/token",service="fake",scope="repository:kami/echo:pull" """;
            return Task.CompletedTask;
        });

        var result = (await Cli.RunAsync("install", $"oci://{new Uri(Server.BaseUrl).Authority}/kami/echo:1.0.0")).UserError();

        Assert.Contains("http://192.0.2.1/token", result.Err, StringComparison.Ordinal);
        Assert.Contains("uses plain HTTP", result.Err, StringComparison.Ordinal);
    }

    // A registry on the loopback server whose manifest names a config and a component; the test says how the config is served.
    private void ServeFakeArtifact(RequestDelegate config)
    {
        var configDigest = "sha256:" + new string('c', 64);
        var manifest = $$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.wasm.config.v0+json","digest":"{{configDigest}}","size":10},
             "layers":[{"mediaType":"application/wasm","digest":"sha256:{{new string('d', 64)}}","size":10}]}
            """;
        Server.MapText("/v2/kami/echo/manifests/1.0.0", manifest);
        Server.Map("/v2/kami/echo/blobs/" + configDigest, config);
    }
}
