using System.IO.Compression;
using Kami.Core.Errors;
using Kami.Packaging.Packages;
using Kami.TestCommon;

namespace Kami.Packaging.Tests.Packages;

/// <summary>Hostile zips: each must be refused with PackageInvalid and write nothing outside the target.</summary>
public sealed class SafeZipExtractorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Target => _temp.Combine("target", "unpacked");

    private string ZipFile(Action<ZipArchive> fill)
    {
        var file = _temp.Combine("plugin-" + Guid.NewGuid().ToString("n")[..8] + ".zip");
        using var archive = System.IO.Compression.ZipFile.Open(file, ZipArchiveMode.Create);
        fill(archive);
        return file;
    }

    private static void Add(ZipArchive archive, string name, byte[] content, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var stream = archive.CreateEntry(name, level).Open();
        stream.Write(content);
    }

    private KamiException Refused(string zip, ZipLimits? limits = null)
    {
        var e = Assert.Throws<KamiException>(() => SafeZipExtractor.Extract(zip, Target, limits ?? ZipLimits.Default));
        Assert.Equal(ErrorKind.PackageInvalid, e.Kind);
        Assert.StartsWith(Path.GetFileName(zip), e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void Extract_OrdinaryZip_WritesFiles()
    {
        var zip = ZipFile(a => { Add(a, "tool.toml", [1, 2]); Add(a, "sub/x.wasm", [3]); a.CreateEntry("empty/"); });
        SafeZipExtractor.Extract(zip, Target, ZipLimits.Default);
        Assert.Equal([1, 2], File.ReadAllBytes(Path.Combine(Target, "tool.toml")));
        Assert.Equal([3], File.ReadAllBytes(Path.Combine(Target, "sub", "x.wasm")));
        Assert.True(Directory.Exists(Path.Combine(Target, "empty")));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("../../evil")]
    [InlineData("sub/../../evil")]
    [InlineData("/etc/x")]
    [InlineData("..\\evil")]
    [InlineData("C:/evil")]
    [InlineData("./evil")]
    [InlineData("a//evil")]
    public void Extract_PathEscapes_Refused(string name)
    {
        var zip = ZipFile(a => { Add(a, "tool.toml", [1]); Add(a, name, [1]); });
        var e = Refused(zip);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Combine("evil")));
        Assert.False(File.Exists(_temp.Combine("target", "evil")));
    }

    [Fact]
    public void Extract_SymlinkEntry_Refused()
    {
        var zip = ZipFile(a =>
        {
            var entry = a.CreateEntry("echo.wasm");
            entry.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
            using var s = entry.Open();
            s.Write("/etc/passwd"u8);
        });
        Assert.Contains("symbolic link", Refused(zip).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Target, "echo.wasm")));
    }

    [Fact]
    public void Extract_RegularFileMode_Accepted()
    {
        var zip = ZipFile(a =>
        {
            var entry = a.CreateEntry("echo.wasm");
            entry.ExternalAttributes = unchecked((int)(0x81A4u << 16));
            using var s = entry.Open();
            s.Write([1]);
        });
        SafeZipExtractor.Extract(zip, Target, ZipLimits.Default);
    }

    [Fact]
    public void Extract_TooManyEntries_Refused()
    {
        var zip = ZipFile(a => { for (var i = 0; i <= ZipLimits.Default.MaxEntries; i++) Add(a, $"f{i}", [1], CompressionLevel.NoCompression); });
        Assert.Contains("1001 entries", Refused(zip).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_OversizeEntry_Refused()
    {
        var zip = ZipFile(a => Add(a, "big.wasm", RandomBytes(2_000)));
        Assert.Contains("big.wasm", Refused(zip, new ZipLimits(MaxEntryBytes: 1_000)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TotalPastLimit_Refused()
    {
        var zip = ZipFile(a => { Add(a, "a", RandomBytes(600_000)); Add(a, "b", RandomBytes(600_000)); });
        Assert.Contains("in total", Refused(zip, new ZipLimits(MaxTotalBytes: 1_000_000)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_HighRatioBombAtDefaultLimits_RefusedBeforeWriting()
    {
        // 100 MB of zeros deflates to ~100 KB: a 1000:1 ratio, streamed so the test stays fast.
        var zip = ZipFile(a =>
        {
            using var s = a.CreateEntry("bomb.wasm", CompressionLevel.Optimal).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 100; i++) s.Write(zeros);
        });
        Assert.True(new FileInfo(zip).Length < 2 << 20);
        Assert.Contains("compression ratio", Refused(zip).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Target, "bomb.wasm")));
    }

    [Fact]
    public void Extract_EntryLyingAboutItsSize_NeverWritesPastTheLimit()
    {
        // The headers claim 100 bytes; the data inflates to 64 KB. Either the copy loop stops it or the zip
        // reader truncates to the declared size (what .NET does today); more than the limit must never land.
        var zip = ZipFile(a => Add(a, "liar.wasm", RandomBytes(65_536)));
        PatchUncompressedSize(zip, 100);
        try
        {
            SafeZipExtractor.Extract(zip, Target, new ZipLimits(MaxEntryBytes: 1_000));
        }
        catch (KamiException e) when (e.Kind == ErrorKind.PackageInvalid)
        {
        }
        var written = Path.Combine(Target, "liar.wasm");
        Assert.True(!File.Exists(written) || new FileInfo(written).Length <= 1_000);
    }

    [Fact]
    public void Extract_NotAZip_PackageInvalid()
    {
        var file = _temp.Combine("plugin.zip");
        File.WriteAllText(file, "this is not a zip");
        Refused(file);
    }

    [Fact]
    public void Extract_CorruptEntryData_PackageInvalid()
    {
        var zip = ZipFile(a => Add(a, "echo.wasm", new byte[200_000]));
        var bytes = File.ReadAllBytes(zip);
        // Overwrite the start of the deflate stream (after the 30-byte local header and the name): an invalid block type.
        for (var i = 30 + "echo.wasm".Length; i < 30 + "echo.wasm".Length + 16; i++) bytes[i] = 0xFF;
        File.WriteAllBytes(zip, bytes);
        Refused(zip);
    }

    [Fact]
    public void Extract_DuplicateEntryNames_PackageInvalid()
    {
        var zip = ZipFile(a => { Add(a, "echo.wasm", [1]); Add(a, "echo.wasm", [2]); });
        Assert.Contains("more than once", Refused(zip).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_FileAndDirectoryWithSameName_PackageInvalid()
    {
        var zip = ZipFile(a => { Add(a, "x", [1]); Add(a, "x/y", [2]); });
        Refused(zip);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    // Rewrites the uncompressed size in the local header (offset 22) and the central directory entry (offset 24).
    private static void PatchUncompressedSize(string zip, uint size)
    {
        var bytes = File.ReadAllBytes(zip);
        BitConverter.TryWriteBytes(bytes.AsSpan(22, 4), size);
        for (var i = bytes.Length - 22; i >= 0; i--)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), size);
                break;
            }
        }
        File.WriteAllBytes(zip, bytes);
    }
}
