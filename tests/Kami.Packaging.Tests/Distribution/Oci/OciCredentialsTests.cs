using Kami.Packaging.Distribution.Oci;

namespace Kami.Packaging.Tests.Distribution.Oci;

/// <summary>Credentials are named per registry and never printed.</summary>
public sealed class OciCredentialsTests
{
    [Theory]
    [InlineData("ghcr.io", "KAMI_OCI_GHCR_IO_USERNAME", "KAMI_OCI_GHCR_IO_PASSWORD")]
    [InlineData("localhost:5000", "KAMI_OCI_LOCALHOST_5000_USERNAME", "KAMI_OCI_LOCALHOST_5000_PASSWORD")]
    public void VariableNames_Registry_AreUpperCasedWithUnderscores(string registry, string user, string password)
    {
        Assert.Equal((user, password), OciCredentials.VariableNames(registry));
    }

    [Fact]
    public void For_OnlyTheOtherRegistrysVariables_IsNull()
    {
        var env = new Dictionary<string, string> { ["KAMI_OCI_GHCR_IO_USERNAME"] = "me", ["KAMI_OCI_GHCR_IO_PASSWORD"] = "s3cret" };

        Assert.Null(OciCredentials.For("evil.example", n => env.GetValueOrDefault(n)));
        var ghcr = OciCredentials.For("ghcr.io", n => env.GetValueOrDefault(n))!;
        Assert.DoesNotContain("s3cret", ghcr.ToString(), StringComparison.Ordinal);
        Assert.Equal("Basic", ghcr.Basic().Scheme);
    }
}
