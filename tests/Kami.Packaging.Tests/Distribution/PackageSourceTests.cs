using Kami.Core.Tools;
using Kami.Packaging.Distribution;

namespace Kami.Packaging.Tests.Distribution;

/// <summary>Issue 12: what an install argument names.</summary>
public sealed class PackageSourceTests
{
    [Theory]
    [InlineData("https://example.com/plugin.zip", "Url")]
    [InlineData("http://127.0.0.1:8080/plugin.zip", "Url")]
    [InlineData("oci://ghcr.io/kami-dev/echo:1.0.0", "Oci")]
    [InlineData("OCI://127.0.0.1:5000/kami/echo@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Oci")]
    [InlineData("kami-dev/hash-compute@v0.1.0", "GitHub")]
    [InlineData("dev.kami.hash-compute", "Index")]
    [InlineData("dev.kami.hash-compute@0.1.0", "Index")]
    [InlineData("./does/not/exist", "Local")]
    [InlineData("../owner/repo@v1", "Local")]
    public void Classify_InstallArgument_IsTheRightKind(string text, string kind)
    {
        Assert.Equal(kind, PackageSource.Classify(text).GetType().Name);
    }

    [Fact]
    public void Classify_IdAtVersion_KeepsTheVersion()
    {
        Assert.Equal(new PackageSource.Index(ToolId.Parse("dev.kami.echo"), ToolVersion.Parse("1.2.0")), PackageSource.Classify("dev.kami.echo@1.2.0"));
    }

    [Fact]
    public void Classify_ExistingDirectoryNamedLikeAnId_IsLocal()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dev.kami.local-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            Assert.IsType<PackageSource.Local>(PackageSource.Classify(dir));
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void GitHubAddress_IsTheReleasePluginZip()
    {
        Assert.Equal("https://github.com/kami-dev/echo/releases/download/v0.1.0/plugin.zip",
            new PackageSource.GitHub("kami-dev", "echo", "v0.1.0").Address().ToString());
    }
}
