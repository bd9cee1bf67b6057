using Kami.Runtime.Wasm;
using Kami.Runtime.Wasm.HostInterfaces;
using Kami.TestCommon;

namespace Kami.Runtime.Tests;

/// <summary>Table-driven: the imports read from a component binary, and which of them KAMI provides.</summary>
public sealed class ComponentImportsTests
{
    [Theory]
    [InlineData("unknown_import", "evil:backdoor/shell@0.1.0")]
    [InlineData("sleeper", "wasi:clocks/monotonic-clock@0.2.12")]
    [InlineData("write_file", "wasi:filesystem/preopens@0.2.")]
    public void Read_FixtureComponent_ListsItsImports(string fixture, string expected)
    {
        var imports = ComponentImports.Read(File.ReadAllBytes(RepoPaths.Fixture(fixture + ".wasm")));

        Assert.NotNull(imports);
        Assert.Contains(imports, i => i.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_EchoWithoutWasi_ImportsNothingButMaybeTheHost()
    {
        var imports = ComponentImports.Read(File.ReadAllBytes(RepoPaths.Fixture("echo.wasm")));

        Assert.NotNull(imports);
        Assert.All(imports, i => Assert.StartsWith("kami:tool/host@", i, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d })]
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 10, 0xff })] // an import section whose size runs past the end
    [InlineData(new byte[] { 0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 10, 3, 1, 0x07, 0 })] // an import of an unknown kind
    public void Read_MalformedOrUnknownEncoding_ReturnsNullSoInstantiationDecides(byte[] binary)
    {
        Assert.Null(ComponentImports.Read(binary));
    }

    [Theory]
    [InlineData("kami:tool/host@0.1.0", true)]
    [InlineData("kami:tool/host@0.1.9", true)]
    [InlineData("kami:tool/host@0.2.0", false)]
    [InlineData("wasi:io/poll@0.2.0", true)]
    [InlineData("wasi:clocks/monotonic-clock@0.2.12", true)]
    [InlineData("wasi:sockets/tcp@0.2.3", true)]
    [InlineData("wasi:http/outgoing-handler@0.2.0", false)]
    [InlineData("kami:http/outgoing@0.1.0", true)]
    [InlineData("kami:http/outgoing@0.2.0", false)]
    [InlineData("kami:http/incoming@0.1.0", false)]
    [InlineData("wasi:io/poll@0.3.0", false)]
    [InlineData("wasi:io/poll", false)]
    [InlineData("wasi:io-evil/poll@0.2.0", false)]
    [InlineData("evil:backdoor/shell@0.1.0", false)]
    public void IsProvided_ImportName_OnlyTheHostInterfaceAndWasi02(string import, bool provided)
    {
        Assert.Equal(provided, ImportPolicy.IsProvided(import));
    }

    [Theory]
    [InlineData("wasi:http/outgoing-handler@0.2.0")]
    [InlineData("wasi:http/types@0.2.3")]
    public void Hint_WasiHttp_PointsToKamiHttp(string import)
    {
        Assert.Contains("kami:http/outgoing@0.1.0", ImportPolicy.Hint(import), StringComparison.Ordinal);
    }
}
