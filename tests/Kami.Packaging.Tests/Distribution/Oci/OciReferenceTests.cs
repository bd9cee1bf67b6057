using Kami.Core.Errors;
using Kami.Packaging.Distribution.Oci;

namespace Kami.Packaging.Tests.Distribution.Oci;

/// <summary>oci://HOST/NAMESPACE/NAME:TAG and @sha256:…, and what is refused with the form to use.</summary>
public sealed class OciReferenceTests
{
    private static readonly string Digest = "sha256:" + new string('a', 64);

    [Fact]
    public void Parse_Tag_SplitsHostRepositoryAndTag()
    {
        var r = OciReference.Parse("oci://ghcr.io/kami-dev/echo:1.0.0");

        Assert.Equal(new OciReference("ghcr.io", "kami-dev/echo", "1.0.0", null), r);
        Assert.Equal("1.0.0", r.ManifestReference);
        Assert.Equal("oci://ghcr.io/kami-dev/echo:1.0.0", r.ToString());
    }

    [Fact]
    public void Parse_DigestAndPort_KeepsThePortInTheHost()
    {
        var r = OciReference.Parse($"oci://127.0.0.1:5000/kami/echo@{Digest}");

        Assert.Equal(new OciReference("127.0.0.1:5000", "kami/echo", null, Digest), r);
        Assert.Equal(Digest, r.ManifestReference);
        Assert.Equal($"oci://127.0.0.1:5000/kami/echo@{Digest}", r.PinnedTo(Digest));
    }

    [Fact]
    public void Parse_TagAndDigest_TheDigestIsWhatIsFetched()
    {
        var r = OciReference.Parse($"oci://[::1]:5000/a/b/c:v1@{Digest}");

        Assert.Equal(("[::1]:5000", "a/b/c", "v1"), (r.Host, r.Repository, r.Tag));
        Assert.Equal(Digest, r.ManifestReference);
    }

    [Theory]
    [InlineData("oci://ghcr.io/kami/echo", "neither a tag nor a digest")]
    [InlineData("oci://ghcr.io/Kami/Echo:1", "not a valid repository name")]
    [InlineData("oci://ghcr.io/kami/../echo:1", "not a valid repository name")]
    [InlineData("oci://ghcr.io:1.0.0", "names no repository")]
    [InlineData("oci://user:pw@ghcr.io/kami/echo:1", "is not a host[:port]")]
    [InlineData("oci://ghcr.io/kami/echo@sha512:abcd", "only sha256 digests")]
    [InlineData("oci://ghcr.io/kami/echo@sha256:ABCD", "not sha256: followed by 64 lowercase hex")]
    [InlineData("oci://ghcr.io/kami/echo:-bad", "is not a valid tag")]
    public void Parse_Malformed_SaysWhatIsWrongAndTheForm(string text, string why)
    {
        var e = Assert.Throws<KamiException>(() => OciReference.Parse(text));

        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.Contains("oci://HOST/NAMESPACE/NAME:TAG", e.Message, StringComparison.Ordinal);
    }
}
