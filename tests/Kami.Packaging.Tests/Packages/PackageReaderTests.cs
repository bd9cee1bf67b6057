using Kami.Core.Errors;
using Kami.Packaging.Packages;
using Kami.TestCommon;

namespace Kami.Packaging.Tests.Packages;

public sealed class PackageReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Scratch => _temp.Combine("scratch-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public void Read_Directory_LoadsEcho()
    {
        var result = PackageReader.Read(TestPackages.EchoDirectory, Scratch);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var package = result.Package!;
        Assert.Equal("dev.kami.echo", package.Manifest.Id.Value);
        Assert.Equal(Path.Combine(TestPackages.EchoDirectory, "echo.wasm"), package.WasmFile);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Read_ToolTomlPath_LoadsItsDirectory()
    {
        var result = PackageReader.Read(Path.Combine(TestPackages.EchoDirectory, "tool.toml"), Scratch);
        Assert.True(result.IsValid);
        Assert.Equal(TestPackages.EchoDirectory, result.Package!.Root);
    }

    [Fact]
    public void Read_Zip_ExtractsIntoScratch()
    {
        var zip = TestPackages.Zip(_temp.Combine("plugin.zip"), ("tool.toml", TestPackages.Text(TestPackages.EchoManifest)), ("echo.wasm", TestPackages.EchoWasm));
        var scratch = Scratch;
        var result = PackageReader.Read(zip, scratch);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.StartsWith(scratch, result.Package!.WasmFile, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZipWithOneTopLevelFolder_Accepted()
    {
        var zip = TestPackages.Zip(_temp.Combine("plugin.zip"), ("echo/tool.toml", TestPackages.Text(TestPackages.EchoManifest)), ("echo/echo.wasm", TestPackages.EchoWasm));
        Assert.True(PackageReader.Read(zip, Scratch).IsValid);
    }

    [Fact]
    public void Read_RustStyleZip_UsesOnlyWasmWithNote()
    {
        var manifest = TestPackages.Manifest(wasm: "target/wasm32-wasip2/release/echo.wasm");
        var zip = TestPackages.Zip(_temp.Combine("plugin.zip"), ("tool.toml", TestPackages.Text(manifest)), ("echo.wasm", TestPackages.EchoWasm));

        var result = PackageReader.Read(zip, Scratch);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal("echo.wasm", result.Package!.Manifest.WasmPath);
        var note = Assert.Single(result.Notes);
        Assert.Contains("target/wasm32-wasip2/release/echo.wasm", note, StringComparison.Ordinal);
        Assert.Contains("echo.wasm", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeclaredWasmMissingAndTwoCandidates_Refused()
    {
        var dir = TestPackages.Directory(_temp.Path, "pkg", ("tool.toml", TestPackages.Text(TestPackages.Manifest(wasm: "missing.wasm"))),
            ("a.wasm", TestPackages.EchoWasm), ("b.wasm", TestPackages.EchoWasm));
        var problem = Assert.Single(PackageReader.Read(dir, Scratch).Problems);
        Assert.Equal("tool.wasm", problem.Field);
        Assert.Contains("2 .wasm files", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoWasm_Refused()
    {
        var dir = TestPackages.Directory(_temp.Path, "pkg", ("tool.toml", TestPackages.Text(TestPackages.EchoManifest)));
        var result = PackageReader.Read(dir, Scratch);
        Assert.False(result.IsValid);
        Assert.Contains("no .wasm file", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoToolToml_Refused()
    {
        var dir = TestPackages.Directory(_temp.Path, "pkg", ("echo.wasm", TestPackages.EchoWasm));
        var result = PackageReader.Read(dir, Scratch);
        Assert.False(result.IsValid);
        Assert.Contains("no tool.toml", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
        Assert.Throws<ManifestInvalidException>(() => result.GetPackageOrThrow());
    }

    [Fact]
    public void Read_ZipWithoutToolToml_Refused()
    {
        var zip = TestPackages.Zip(_temp.Combine("plugin.zip"), ("echo.wasm", TestPackages.EchoWasm));
        Assert.False(PackageReader.Read(zip, Scratch).IsValid);
    }

    [Fact]
    public void Read_CoreModule_RefusedAsNotComponent()
    {
        var dir = TestPackages.Directory(_temp.Path, "pkg", ("tool.toml", TestPackages.Text(TestPackages.EchoManifest)), ("echo.wasm", TestPackages.CoreModule));
        var problem = Assert.Single(PackageReader.Read(dir, Scratch).Problems);
        Assert.Contains("core WebAssembly module", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x00, 0x61, 0x73 })]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00 })]
    public void Read_NotWasm_Refused(byte[] content)
    {
        var dir = TestPackages.Directory(_temp.Path, "pkg", ("tool.toml", TestPackages.Text(TestPackages.EchoManifest)), ("echo.wasm", content));
        var problem = Assert.Single(PackageReader.Read(dir, Scratch).Problems);
        Assert.Contains("not a WebAssembly file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidManifest_ReturnsProblemsNotException()
    {
        var dir = TestPackages.Directory(_temp.Path, "pkg", ("tool.toml", TestPackages.Text("[tool]\nid = \"x\"\n")), ("echo.wasm", TestPackages.EchoWasm));
        var result = PackageReader.Read(dir, Scratch);
        Assert.False(result.IsValid);
        Assert.True(result.Problems.Count >= 3);
    }

    [Fact]
    public void Read_WasmIsSymlinkOutsidePackage_Refused()
    {
        var outside = _temp.Combine("outside.wasm");
        File.WriteAllBytes(outside, TestPackages.EchoWasm);
        var dir = TestPackages.Directory(_temp.Path, "pkg", ("tool.toml", TestPackages.Text(TestPackages.EchoManifest)));
        File.CreateSymbolicLink(Path.Combine(dir, "echo.wasm"), outside);
        var problem = Assert.Single(PackageReader.Read(dir, Scratch).Problems);
        Assert.Contains("link", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingPath_InvalidInput()
    {
        var e = Assert.Throws<KamiException>(() => PackageReader.Read(_temp.Combine("nope"), Scratch));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
    }

    [Fact]
    public void Read_SomeOtherFile_InvalidInput()
    {
        var file = _temp.Combine("readme.txt");
        File.WriteAllText(file, "hi");
        Assert.Equal(ErrorKind.InvalidInput, Assert.Throws<KamiException>(() => PackageReader.Read(file, Scratch)).Kind);
    }

    [Fact]
    public void WasmFormat_EchoExample_IsComponent() =>
        Assert.Equal(WasmKind.Component, WasmFormat.Detect(Path.Combine(TestPackages.EchoDirectory, "echo.wasm")));
}
