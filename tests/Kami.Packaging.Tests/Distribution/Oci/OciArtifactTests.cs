using System.Text;
using System.Text.Json;
using Kami.Core.Errors;
using Kami.Packaging.Distribution.Oci;
using Kami.Packaging.Tests.Packages;
using Kami.TestCommon;

namespace Kami.Packaging.Tests.Distribution.Oci;

/// <summary>The artifact layout: what wkg's oci-wasm needs to pull the component, plus tool.toml in the config.</summary>
public sealed class OciArtifactTests
{
    private const string Where = "oci://r/kami/echo@sha256:x";

    internal static OciArtifact Echo(TempDirectory temp) =>
        OciArtifact.Build(PublishableSignatureTests.Read(temp, TestPackages.EchoManifest), TestPackages.EchoWasm, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void Build_Manifest_IsAnOciImageManifestWithTheWasmConfigAndOneComponentLayer()
    {
        using var temp = new TempDirectory();
        var artifact = Echo(temp);

        using var manifest = JsonDocument.Parse(artifact.Manifest);
        var root = manifest.RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", root.GetProperty("mediaType").GetString());
        Assert.Equal("application/vnd.wasm.config.v0+json", root.GetProperty("config").GetProperty("mediaType").GetString());
        Assert.Equal(artifact.ConfigDigest, root.GetProperty("config").GetProperty("digest").GetString());
        var layer = Assert.Single(root.GetProperty("layers").EnumerateArray());
        Assert.Equal("application/wasm", layer.GetProperty("mediaType").GetString());
        Assert.Equal(OciDigest.Of(TestPackages.EchoWasm), layer.GetProperty("digest").GetString());
        Assert.Equal(TestPackages.EchoWasm.Length, layer.GetProperty("size").GetInt64());
        Assert.Equal("echo.wasm", layer.GetProperty("annotations").GetProperty("org.opencontainers.image.title").GetString());
        Assert.Equal("1.0.0", root.GetProperty("annotations").GetProperty("org.opencontainers.image.version").GetString());
        Assert.Equal(OciDigest.Of(artifact.Manifest), artifact.ManifestDigest);
        Assert.Contains("v1+json", Encoding.UTF8.GetString(artifact.Manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Config_HasTheFieldsOciWasmRequiresAndToolTomlVerbatim()
    {
        using var temp = new TempDirectory();
        var artifact = Echo(temp);

        using var config = JsonDocument.Parse(artifact.Config);
        var root = config.RootElement;
        // oci-wasm's WasmConfig: created (RFC 3339), architecture, os, layerDigests are required; unknown members are ignored.
        Assert.Equal("2026-01-02T03:04:05Z", root.GetProperty("created").GetString());
        Assert.Equal("wasm", root.GetProperty("architecture").GetString());
        Assert.Equal("wasip2", root.GetProperty("os").GetString());
        Assert.Equal([OciDigest.Of(TestPackages.EchoWasm)], root.GetProperty("layerDigests").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(TestPackages.EchoManifest, root.GetProperty("dev.kami.tool.toml").GetString());
        Assert.Equal(TestPackages.EchoManifest, OciArtifact.ToolToml(artifact.Config, Where));
    }

    [Fact]
    public void Read_ItsOwnManifest_GivesTheConfigAndTheLayer()
    {
        using var temp = new TempDirectory();
        var artifact = Echo(temp);

        var (config, layer) = OciArtifact.Read(artifact.Manifest, Where);

        Assert.Equal((artifact.ConfigDigest, artifact.WasmDigest), (config.Digest, layer.Digest));
    }

    [Theory]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}""", "is an image index")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:aa","size":1},"layers":[]}""", "is not a Wasm component artifact")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.wasm.config.v0+json","digest":"sha256:aa","size":1},"layers":[]}""", "has 0 application/wasm layers")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.wasm.config.v0+json","digest":"DIGEST","size":1},"layers":[{"mediaType":"application/wasm","digest":"DIGEST","size":1},{"mediaType":"application/wasm","digest":"DIGEST","size":1}]}""", "has 2 application/wasm layers")]
    [InlineData("""{"schemaVersion":2,"config":{"mediaType":"application/vnd.wasm.config.v0+json","digest":"md5:aa","size":1},"layers":[{"mediaType":"application/wasm","digest":"DIGEST","size":1}]}""", "not a sha256 digest")]
    [InlineData("not json", "is not JSON")]
    public void Read_NotOneKamiComponentArtifact_IsRefusedSayingWhy(string manifest, string why)
    {
        var bytes = Encoding.UTF8.GetBytes(manifest.Replace("DIGEST", "sha256:" + new string('b', 64), StringComparison.Ordinal));

        var e = Assert.Throws<KamiException>(() => OciArtifact.Read(bytes, Where));

        Assert.Equal(ErrorKind.PackageInvalid, e.Kind);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolToml_ConfigWithoutIt_SaysItIsNotAKamiArtifact()
    {
        var wkgConfig = """{"created":"2026-01-01T00:00:00Z","architecture":"wasm","os":"wasip2","layerDigests":[],"component":{"exports":[],"imports":[]}}"""u8.ToArray();

        var e = Assert.Throws<KamiException>(() => OciArtifact.ToolToml(wkgConfig, Where));

        Assert.Contains("without a KAMI manifest", e.Message, StringComparison.Ordinal);
        Assert.Contains("kami publish", e.Message, StringComparison.Ordinal);
    }
}
